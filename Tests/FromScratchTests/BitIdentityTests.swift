import FromScratch
import XCTest

/// Whole training runs pinned to the last bit: a fingerprint of every parameter, loss and
/// accuracy after a few steps of each network and optimizer. Moving the fast code beneath the
/// plain operations must leave every one of these unchanged (the fingerprints were recorded
/// before the move).
///
/// The runs go through OpenBLAS's products, whose last bits depend on the kernel set OpenBLAS
/// picks for the CPU, so each family has its own fingerprints, measured on an AVX-512 machine
/// under `OPENBLAS_CORETYPE`: Cooperlake's equal SkylakeX's, Zen's equal Haswell's.
/// On a set not recorded yet the test says so and which values to record.
final class BitIdentityTests: XCTestCase {
    /// FNV-1a over the bit patterns, so that a change in any last bit changes the fingerprint.
    private struct Fingerprint {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        mutating func add(_ x: Double) {
            value ^= x.bitPattern
            value = value &* 0x100_0000_01b3
        }
        mutating func add(_ m: Matrix) { m.storage.forEach { add($0) } }
        mutating func add(_ named: NamedMatrices) { for key in named.keys.sorted() { add(named[key]!) } }
    }

    private func twoLayerRun(_ activation: Activation, lent: Bool) -> UInt64 {
        var random = RandomState(seed: 11)
        let x = random.rand(300, 30), labels = (0..<300).map { $0 % 7 }
        let net = TwoLayerNet(inputSize: 30, hiddenSize: 50, outputSize: 7, activation: activation, random: &random)
        var fingerprint = Fingerprint()
        var sgd = SGD(learningRate: 0.5)
        let run = {
            for step in 0..<20 {
                let mask = random.choice(300, size: 100)
                let batch = x.gathering(rows: mask), t = mask.map { labels[$0] }
                if step % 2 == 0 {
                    net.trainingStep(batch, labels: t, optimizer: &sgd)
                } else {
                    net.update(with: net.gradients(batch, labels: t), optimizer: &sgd)
                }
                fingerprint.add(net.loss(batch, labels: t))
            }
        }
        if lent { SecondCore.lend { _ in run() } } else { run() }
        for name in TwoLayerNet.parameterNames { fingerprint.add(net.params[name]!) }
        fingerprint.add(net.accuracy(x, labels: labels, batchSize: 77))
        fingerprint.add(net.scores(rows: 13..<200, of: x))
        return fingerprint.value
    }

    private func multiLayerRun(
        _ kind: OptimizerKind, batchNorm: Bool, dropout: Double?, penalty: Penalty,
        activation: Activation
    ) -> UInt64 {
        var random = RandomState(seed: 5)
        let x = random.randn(61, 19), labels = (0..<61).map { ($0 * 3) % 5 }
        let net = MultiLayerNet(
            inputSize: 19, hiddenSizes: [13, 9], outputSize: 5, activation: activation,
            weightInit: .he, penalty: penalty, batchNorm: batchNorm, dropoutRatio: dropout,
            random: &random)
        var optimizer = kind.make(learningRate: 0.05)
        var fingerprint = Fingerprint()
        for _ in 0..<15 {
            let mask = random.choice(61, size: 11)
            let batch = x.gathering(rows: mask), t = mask.map { labels[$0] }
            let grads =
                dropout == nil
                ? net.gradients(batch, labels: t)
                : net.gradients(batch, labels: t, random: &random)
            fingerprint.add(grads)
            net.update(with: grads, optimizer: &optimizer)
            fingerprint.add(net.loss(batch, labels: t))
        }
        fingerprint.add(net.params)
        fingerprint.add(net.accuracy(x, labels: labels, batchSize: 8))
        fingerprint.add(net.predict(x))
        return fingerprint.value
    }

    /// The fingerprints of this machine's kernel family, or a skip that prints what it computed.
    private func expected(_ table: [String: [UInt64]], _ computed: [UInt64]) throws -> [UInt64] {
        let family = ["Cooperlake": "SkylakeX", "Zen": "Haswell"][BLAS.kernelName] ?? BLAS.kernelName
        guard let prints = table[family] else {
            throw XCTSkip("no fingerprints recorded for OpenBLAS's \(BLAS.kernelName) kernels; they give \(computed)")
        }
        return prints
    }

    func testTwoLayerRunsKeepTheirBits() throws {
        let prints = [Activation.relu, .sigmoid].flatMap { a in [false, true].map { twoLayerRun(a, lent: $0) } }
        let recorded = try expected(Self.twoLayerPrints, prints)
        XCTAssertEqual(prints, recorded)
    }

    func testMultiLayerRunsKeepTheirBits() throws {
        var prints: [UInt64] = []
        for kind in OptimizerKind.fromTheBook {
            prints.append(multiLayerRun(kind, batchNorm: false, dropout: nil, penalty: .none, activation: .relu))
        }
        prints.append(multiLayerRun(.momentum, batchNorm: true, dropout: 0.3, penalty: .l2(0.01), activation: .relu))
        prints.append(multiLayerRun(.adam, batchNorm: true, dropout: nil, penalty: .l1(0.02), activation: .sigmoid))
        prints.append(
            multiLayerRun(
                .sgd, batchNorm: false, dropout: 0.2, penalty: .elasticNet(0.01, l1Ratio: 0.4),
                activation: .sigmoid))
        let recorded = try expected(Self.multiLayerPrints, prints)
        XCTAssertEqual(prints, recorded)
    }

    static let twoLayerPrints: [String: [UInt64]] = [
        "SkylakeX": [4332692589327392896, 4332692589327392896, 14221559980108194241, 14221559980108194241],
        "Haswell": [12167276301229904868, 12167276301229904868, 16509429640925987697, 16509429640925987697],
    ]
    static let multiLayerPrints: [String: [UInt64]] = [
        "SkylakeX": [
            11880964082896254148, 4504092803198436251, 7621619921887186615, 3273187457359206579,
            16090058369170610775, 9784377739067878131, 11311087177204162884, 11164460666768586751,
            15784469244214119861,
        ],
        "Haswell": [
            9658596333731244365, 1117412448554902675, 10962759194303936430, 900615002606437948,
            10733497878224881429, 14176849758034769732, 17056428227775219508, 11904014857545757123,
            7377158318607986885,
        ],
    ]
}
