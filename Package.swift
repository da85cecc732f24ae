// swift-tools-version:5.9
// DeepLearningFromScratch: a literate test suite for the book
// 《深度学习入门:基于Python的理论与实现》 (Deep Learning from Scratch), chapters 3-6.
import PackageDescription

/// One chapter part = a library, a thin executable over it, and a test target named alike
/// (`LossesChapter`, `LossesTool`, `LossesChapterTests`). The tests run the tool as a reader does.
func chapter(_ library: String, tool: String, dependencies: [Target.Dependency] = []) -> [Target] {
    [
        .target(
            name: library,
            dependencies: [
                "FromScratch", "Figures", "BookChecks", "ChapterCommandLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ] + dependencies),
        .executableTarget(name: tool, dependencies: [.target(name: library), "ChapterCommandLine"]),
        .testTarget(
            name: library + "Tests",
            dependencies: [
                .target(name: library), .target(name: tool), "ChapterTestSupport", "BookChecks", "Figures",
                "FromScratch", "Datasets", "MNISTTraining",
            ]),
    ]
}

let package = Package(
    name: "DeepLearningFromScratch",
    products: [
        .executable(name: "activations", targets: ["ActivationsTool"]),
        .executable(name: "losses", targets: ["LossesTool"]),
        .executable(name: "derivatives", targets: ["DerivativesTool"]),
        .executable(name: "gradient-descent", targets: ["GradientDescentTool"]),
        .executable(name: "backprop", targets: ["BackpropTool"]),
        .executable(name: "notes-networks", targets: ["NotesNetworksTool"]),
        .executable(name: "optimizers", targets: ["OptimizersTool"]),
        .executable(name: "regularization", targets: ["RegularizationTool"]),
        .executable(name: "datasets", targets: ["DatasetsTool"]),
        .executable(name: "bench", targets: ["Bench"]),
        .executable(name: "book", targets: ["BookTool"]),
        .library(name: "FromScratch", targets: ["FromScratch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // OpenBLAS, behind the one matrix product of the core.
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS", providers: [.apt(["libopenblas-dev"])]),
        // The core: matrix, NumPy-order arithmetic, losses, numerical differentiation, layers.
        .target(name: "FromScratch", dependencies: ["COpenBLAS", "CBLASChoice", "CSparse", "CElementwise"]),
        // The products that skip a mostly-zero factor's zeros, in C for the CPU's vector units.
        .target(name: "CSparse"),
        // The optimizers' divided step, x −= c·y / (√h + ε), in C for the same vector units.
        .target(name: "CElementwise"),
        // The kernels this CPU runs, when OpenBLAS does not recognise the CPU and falls back to old ones.
        .target(name: "CBLASChoice", linkerSettings: [.linkedLibrary("openblas")]),
        // What a signal undoes before it ends a tool: temporary files removed, children stopped.
        .target(name: "CInterrupts"),
        .target(name: "TemporaryFiles", dependencies: ["CInterrupts"]),
        // gnuplot-iostream behind a plain C API (no Boost type crosses into Swift).
        .target(
            name: "CGnuplot",
            dependencies: ["CInterrupts"],
            linkerSettings: [
                .linkedLibrary("boost_iostreams"),
                .linkedLibrary("boost_system"),
                .linkedLibrary("boost_filesystem"),
            ]),
        // Figures as data (series, gnuplot commands, the house style), and the renderer that pipes
        // them to gnuplot: the checks use the first without linking the second.
        .target(name: "Figures", dependencies: ["FromScratch"]),
        .target(name: "FigureRendering", dependencies: ["Figures", "CGnuplot", "TemporaryFiles"]),
        // zlib, to read MNIST's gzip files without shelling out.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        // libcurl, so that a download streams to its file with libcurl's own size and speed limits.
        .target(name: "CDownload", linkerSettings: [.linkedLibrary("curl")]),
        // Data sets: make_moons as scikit-learn draws it, and MNIST (download, verify, load).
        .target(
            name: "Datasets",
            dependencies: [
                "FromScratch", "CZlib", "CDownload", "TemporaryFiles",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .target(
            name: "DatasetsCommands",
            dependencies: [
                "Datasets", "Figures", "ChapterCommandLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(name: "DatasetsTool", dependencies: ["DatasetsCommands", "ChapterCommandLine"]),
        // `make bench`: the project's timings, set beside a NumPy reference (bench/).
        .executableTarget(
            name: "Bench",
            dependencies: [
                "FromScratch", "Datasets", "COpenBLAS", "BookChecks", "OptimizersChapter", "RegularizationChapter",
            ]),
        // The book's MNIST training run, shared by chapters 4 and 5.
        .target(
            name: "MNISTTraining",
            dependencies: ["FromScratch", "Datasets", "Figures", "BookChecks", "ChapterCommandLine"]),
        // The checking model: chapter texts, printed values, verdicts, errata. No command line.
        // The C library's wcwidth, for measuring text as a terminal draws it.
        .target(name: "CTerminal"),
        .target(name: "BookChecks", dependencies: ["Figures", "CTerminal"]),
        // The reader's edition (`make book`): the chapter texts as an offline web site.
        .target(
            name: "BookSite",
            dependencies: [
                "BookChecks", "Figures", "ActivationsChapter", "LossesChapter", "DerivativesChapter",
                "GradientDescentChapter",
                "BackpropChapter", "NotesNetworksChapter", "OptimizersChapter", "RegularizationChapter",
            ]),
        .executableTarget(name: "BookTool", dependencies: ["BookSite"]),
        .testTarget(name: "BookSiteTests", dependencies: ["BookSite", "ChapterTestSupport"]),
        // The tools' shared command line: `check`, figure flags, argument types, progress bars.
        .target(
            name: "ChapterCommandLine",
            dependencies: [
                "BookChecks", "Figures", "FigureRendering", "FromScratch",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
    ]
        + chapter("ActivationsChapter", tool: "ActivationsTool", dependencies: ["Datasets"])
        + chapter("LossesChapter", tool: "LossesTool", dependencies: ["Datasets"])
        + chapter("DerivativesChapter", tool: "DerivativesTool")
        + chapter("GradientDescentChapter", tool: "GradientDescentTool", dependencies: ["MNISTTraining"])
        + chapter("BackpropChapter", tool: "BackpropTool", dependencies: ["Datasets", "MNISTTraining"])
        + chapter("NotesNetworksChapter", tool: "NotesNetworksTool", dependencies: ["Datasets"])
        + chapter("OptimizersChapter", tool: "OptimizersTool", dependencies: ["Datasets", "MNISTTraining"])
        + chapter("RegularizationChapter", tool: "RegularizationTool", dependencies: ["Datasets", "MNISTTraining"])
        + [
            .testTarget(
                name: "FromScratchTests",
                dependencies: ["FromScratch", "CBLASChoice", "CSparse", "CElementwise", "ChapterTestSupport"],
                exclude: ["Fixtures"]),
            .testTarget(name: "FiguresTests", dependencies: ["Figures", "FigureRendering", "ChapterTestSupport"]),
            .testTarget(name: "BookChecksTests", dependencies: ["BookChecks"], exclude: ["Snapshots"]),
            .testTarget(name: "ChapterCommandLineTests", dependencies: ["ChapterCommandLine"]),
            // Bad input against every tool, as a reader would type it.
            .testTarget(
                name: "BadInputTests",
                dependencies: [
                    "ChapterTestSupport", "ActivationsTool", "LossesTool", "DerivativesTool", "GradientDescentTool",
                    "BackpropTool", "NotesNetworksTool", "OptimizersTool", "RegularizationTool", "DatasetsTool",
                ], exclude: ["Snapshots"]),
            .testTarget(
                name: "DatasetsTests",
                dependencies: ["BookChecks", "Datasets", "DatasetsCommands", "FigureRendering", "FromScratch"],
                exclude: ["Fixtures"]),
            // What every chapter's tests assert: book values, fresh text, identical figures, tools.
            .target(
                name: "ChapterTestSupport", dependencies: ["BookChecks", "Figures", "FigureRendering"],
                path: "Tests/ChapterTestSupport"),
        ],
    cxxLanguageStandard: .cxx17
)
