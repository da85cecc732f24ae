import ChapterTestSupport
import Foundation
import XCTest

/// Bad input across the eight tools: each gets a clear error, named by its flag, and the exit
/// status of a usage error (64, EX_USAGE). The first line of the message is part of the contract;
/// docs/bad-input.md says what each kind of input gets.
final class BadInputTests: XCTestCase {
    /// (tool, arguments, exit status, first line of standard error)
    static let cases: [(tool: String, arguments: [String], status: Int32, firstLine: String)] = [
        ("activations", ["plot", "--figure", "x.svg"], 64, "Error: --figure must name a .png file, got 'x.svg'"),
        ("activations", ["nosuch"], 64, "Error: Unexpected argument 'nosuch'"),
        // Faults (issue 25): work a flag would make unbounded, and flags that would be ignored.
        (
            "derivatives", ["field", "--spacing", "1e-300"], 64,
            "Error: --spacing must be between 0.01 and 4.25 (at most 425 arrows a side over [-2, 2.25)), got 1e-300"
        ),
        (
            "optimizers", ["mnist", "--batch-size", "60000", "--training-images", "10"], 64,
            "Error: --batch-size 60000 is more than the 10 --training-images to draw it from"
        ),
        (
            "regularization", ["overfit", "--l1-ratio", "0.3"], 64,
            "Error: --l1-ratio applies only with --penalty elastic (it would be ignored)"
        ),
        (
            "regularization", ["overfit", "--penalty", "l1"], 64,
            "Error: --penalty needs --weight-decay above 0: with --weight-decay 0 no penalty is applied"
        ),
        (
            "notes-networks", ["sigmoid-net", "--init-epsilon", "0.1", "--zero-init"], 64,
            "Error: --init-epsilon and --zero-init exclude each other: Θ = 0 draws nothing"
        ),
        ("optimizers", ["accumulators", "--every", "500"], 64, "Error: --every must be between 1 and 200, got 500"),
        (
            "datasets", ["moons", "--noise", "1e308"], 64,
            "Error: --noise must be between 0 and 10 (the moons' radius is 1), got 1e+308"
        ),
        (
            "derivatives", ["diff", "--figure", "/tmp/.png"], 64,
            "Error: --figure needs a file name before .png (not a hidden name), got '/tmp/.png'"
        ),
        (
            "derivatives", ["diff", "--figure", "/etc/passwd/x.png"], 64,
            "Error: --figure: /etc/passwd is a file, not a folder, so '/etc/passwd/x.png' cannot be written"
        ),
        (
            "derivatives", ["diff", "--x"] + (1...2500).map(String.init), 64,
            "Error: 2502 command-line words are more than the 2000 a tool reads; pass fewer values (a comma-separated list counts as one word)"
        ),
        ("activations", ["check", "--bogus"], 64, "Error: Unknown option '--bogus'"),
        (
            "losses", ["mse", "--y", "0.1,0.2", "--label", "5"], 64,
            "Error: --label must be a class index from 0 to 1, got 5"
        ),
        ("losses", ["mse", "--y", "0.1,nan"], 64, "Error: The value '0.1,nan' is invalid for '--y <y>'"),
        ("losses", ["cross-entropy", "--delta", "-1"], 64, "Error: --delta must be a positive number, got -1.0"),
        ("losses", ["information", "--p", "0.5,0.5", "--q", "1"], 64, "Error: --p has 2 entries but --q has 1"),
        (
            "losses", ["information", "--p", "0.5,0.6", "--q", "0.5,0.5"], 64,
            "Error: --p must be a probability distribution (non-negative, summing to 1)"
        ),
        ("losses", ["information", "--base", "1"], 64, "Error: --base must be e, 2 or 10, got '1'"),
        ("derivatives", ["diff", "--x"], 64, "Error: Missing value for '--x <x>'"),
        ("derivatives", ["diff", "--h", "0"], 64, "Error: --h must be a positive number, got 0.0"),
        (
            "derivatives", ["diff", "--scheme", "sideways"], 64,
            "Error: The value 'sideways' is invalid for '--scheme <scheme>'. Please provide one of 'central' and 'forward'."
        ),
        ("derivatives", ["gradient", "--h", "-1"], 64, "Error: Unknown option '--h'. Did you mean '--at'?"),
        ("gradient-descent", ["run", "--lr", "0"], 64, "Error: --lr must be a positive number, got 0.0"),
        ("gradient-descent", ["run", "--lr=-1"], 64, "Error: --lr must be a positive number, got -1.0"),
        ("gradient-descent", ["run", "--lr", "-1"], 64, "Error: --lr must be a positive number, got -1.0"),
        ("gradient-descent", ["run", "--steps", "-5"], 64, "Error: --steps must be between 0 and 1000000, got -5"),
        (
            "gradient-descent", ["run", "--steps", "100000000"], 64,
            "Error: --steps must be between 0 and 1000000, got 100000000"
        ),
        ("gradient-descent", ["run", "--start", "1"], 64, "Error: --start needs two numbers x0,x1, got 1.0"),
        ("gradient-descent", ["run", "--start", "a,b"], 64, "Error: The value 'a,b' is invalid for '--start <start>'"),
        (
            "gradient-descent", ["run", "--figure", "out.jpg"], 64,
            "Error: --figure must name a .png file, got 'out.jpg'"
        ),
        (
            "gradient-descent", ["train-mnist", "--batch-size", "0"], 64,
            "Error: --batch-size must be between 1 and 60000, got 0"
        ),
        (
            "gradient-descent", ["train-mnist", "--hidden", "0"], 64,
            "Error: --hidden must be between 1 and 10000, got 0"
        ),
        (
            "gradient-descent", ["train-mnist", "--activation", "softplus"], 64,
            "Error: The value 'softplus' is invalid for '--activation <activation>'. Please provide one of 'step', 'sigmoid', 'relu', 'tanh' or 'leaky-relu'."
        ),
        ("gradient-descent", ["train-mnist", "--lr", "nan"], 64, "Error: --lr must be a positive number, got nan"),
        ("backprop", ["train-mnist", "--lr", "0"], 64, "Error: --lr must be a positive number, got 0.0"),
        (
            "backprop", ["train-mnist", "--activation", "tanh"], 64,
            "Error: --activation must be sigmoid or relu, got tanh"
        ),
        ("backprop", ["gradient-check", "--h", "0"], 64, "Error: --h must be a positive number, got 0.0"),
        ("backprop", ["gradient-check", "--delta", "-1"], 64, "Error: --delta must be >= 0, got -1.0"),
        ("notes-networks", ["moons", "--hidden", "0"], 64, "Error: --hidden must be between 1 and 1000, got 0"),
        // The range names the values allowed: 0 is refused, so the message does not offer it.
        ("notes-networks", ["moons", "--hidden", "1001"], 64, "Error: --hidden must be between 1 and 1000, got 1001"),
        (
            "activations", ["network", "--batch-size", "0"], 64,
            "Error: --batch-size must be between 1 and 10000, got 0"
        ),
        ("notes-networks", ["moons", "--lr", "-1"], 64, "Error: --lr must be a positive number, got -1.0"),
        ("notes-networks", ["sigmoid-net", "--lr", "0"], 64, "Error: --lr must be a positive number, got 0.0"),
        (
            "optimizers", ["compare", "--lr", "0.1"], 64,
            "Error: --lr needs --optimizer (each optimizer has its own rate)"
        ),
        (
            "optimizers", ["compare", "--optimizer", "adam", "--lr=-1"], 64,
            "Error: --lr must be a positive number, got -1.0"
        ),
        (
            "optimizers", ["compare", "--optimizer", "lion"], 64,
            "Error: The value 'lion' is invalid for '--optimizer <optimizer>'. Please provide one of the following:"
        ),
        ("optimizers", ["compare", "--start", "1,2,3"], 64, "Error: --start needs two numbers x,y, got 1.0,2.0,3.0"),
        ("optimizers", ["compare", "--steps", "-1"], 64, "Error: --steps must be between 0 and 100000, got -1"),
        ("optimizers", ["momentum", "--momentum", "1.5"], 64, "Error: --momentum must lie in [0, 1], got 1.5"),
        (
            "optimizers", ["accumulators", "--decay-rate", "1"], 64,
            "Error: --decay-rate must lie strictly between 0 and 1, got 1.0"
        ),
        ("optimizers", ["clip", "--threshold", "0"], 64, "Error: --threshold must be a positive number, got 0.0"),
        (
            "optimizers", ["clip", "--by", "sideways"], 64,
            "Error: The value 'sideways' is invalid for '--by <by>'. Please provide one of 'value' and 'norm'."
        ),
        (
            "regularization", ["init-mnist", "--batch-size", "70000"], 64,
            "Error: --batch-size must be between 1 and 60000, got 70000"
        ),
        ("regularization", ["overfit", "--lr", "0"], 64, "Error: --lr must be a positive number, got 0.0"),
        (
            "optimizers", ["mnist", "--iterations", "5"], 64,
            "Error: --iterations must be between 11 and 1000000, got 5"
        ),
        (
            "optimizers", ["mnist", "--optimizers", "sgd,lion"], 64,
            "Error: The value 'sgd,lion' is invalid for '--optimizers <optimizers>'"
        ),
        (
            "optimizers", ["mnist", "--optimizers", "sgd,sgd"], 64,
            "Error: The value 'sgd,sgd' is invalid for '--optimizers <optimizers>'"
        ),
        (
            "regularization", ["histograms", "--activation", "step"], 64,
            "Error: The value 'step' is invalid for '--activation <activation>'. Please provide one of 'sigmoid', 'relu' or 'tanh'."
        ),
        (
            "regularization", ["histograms", "--weight-init", "glorot"], 64,
            "Error: --weight-init must be a positive number, xavier or he, got 'glorot'"
        ),
        ("regularization", ["histograms", "--layers", "0"], 64, "Error: --layers must be between 1 and 100, got 0"),
        ("regularization", ["histograms", "--units", "0"], 64, "Error: --units must be between 1 and 2000, got 0"),
        ("regularization", ["histograms", "--bins", "0"], 64, "Error: --bins must be between 1 and 1000, got 0"),
        (
            "regularization", ["histograms", "--range", "1,0"], 64,
            "Error: --range needs two numbers lo,hi with lo < hi, got 1.0,0.0"
        ),
        (
            "regularization", ["batchnorm", "--batch", "1,2;3"], 64,
            "Error: --batch needs rows of equally many numbers, like 1,2;3,6 — got 1,2;3"
        ),
        (
            "regularization", ["batchnorm", "--gamma", "1,2,3"], 64,
            "Error: --gamma needs 2 numbers, one per column of --batch, got 3"
        ),
        (
            "regularization", ["batchnorm", "--beta", "1"], 64,
            "Error: --beta needs 2 numbers, one per column of --batch, got 1"
        ),
        ("regularization", ["overfit", "--dropout", "1"], 64, "Error: --dropout must lie in [0, 1), got 1.0"),
        (
            "regularization", ["overfit", "--weight-decay=-1"], 64,
            "Error: --weight-decay must be a number >= 0, got -1.0"
        ),
        (
            "regularization", ["search", "--lr-exponents=-2,-6"], 64,
            "Error: --lr-exponents needs two increasing exponents low,high (at most 1), got -2.0,-6.0"
        ),
        ("regularization", ["init-mnist", "--inits", "he", "he"], 64, "Error: --inits needs distinct entries"),
        (
            "regularization", ["batchnorm-mnist", "--scales", "0,1"], 64,
            "Error: --scales must be a positive number, got 0.0"
        ),
        ("datasets", ["moons", "--samples", "-1"], 64, "Error: --samples must be between 0 and 1000000, got -1"),
        (
            "datasets", ["moons", "--noise", "nan"], 64,
            "Error: --noise must be between 0 and 10 (the moons' radius is 1), got nan"
        ),
        (
            "datasets", ["moons", "--seed", "4294967296"], 64,
            "Error: --seed must be between 0 and 4294967295 (numpy.random.seed's range), got 4294967296"
        ),
        ("datasets", ["mnist", "--show", "0"], 64, "Error: --show must be between 1 and 100, got 0"),
        ("datasets", ["mnist", "--mirror", "https://example.org/"], 64, "Error: --mirror only applies to --download"),
        (
            "datasets", ["mnist", "--download", "--mirror", "ftp://example.org/"], 64,
            "Error: --mirror must be an http:// or https:// URL, got 'ftp://example.org/' (for files already on disk use --dir or MNIST_DIR)"
        ),
        (
            "datasets", ["mnist", "--download", "--mirror", "file:///tmp/x/"], 64,
            "Error: --mirror must be an http:// or https:// URL, got 'file:///tmp/x/' (for files already on disk use --dir or MNIST_DIR)"
        ),
        ("datasets", ["mnist", "--dir", ""], 64, "Error: --dir must name a folder"),
        ("derivatives", ["diff", "--h", "nan"], 64, "Error: --h must be a positive number, got nan"),
        ("regularization", ["batchnorm", "--dout", "1,2"], 64, "Error: --dout has shape (1, 2), the batch (2, 2)"),
        ("regularization", ["overfit", "--epochs", "0"], 64, "Error: --epochs must be between 1 and 10000, got 0"),
        (
            "datasets", ["moons", "--noise", "-0.1"], 64,
            "Error: --noise must be between 0 and 10 (the moons' radius is 1), got -0.1"
        ),
        (
            "activations", ["softmax", "--scores", "1,2,inf"], 64,
            "Error: The value '1,2,inf' is invalid for '--scores <scores>'"
        ),
        ("activations", ["softmax", "--scores"], 64, "Error: Missing value for '--scores <scores>'"),
        (
            "activations", ["apply", "--function", "softplus"], 64,
            "Error: The value 'softplus' is invalid for '<function>'. Please provide one of 'step', 'sigmoid', 'relu', 'tanh' or 'leaky-relu'."
        ),
        ("activations", ["apply", "--x", "abc"], 64, "Error: The value 'abc' is invalid for '--x <x>'"),
        (
            "activations", ["softmax", "--scores", "1,,2"], 64,
            "Error: The value '1,,2' is invalid for '--scores <scores>'"
        ),
    ]

    func testEveryBadInputGetsAClearErrorNamingIt() throws {
        XCTAssertGreaterThanOrEqual(Self.cases.count, 60)
        for (tool, arguments, status, firstLine) in Self.cases {
            let run = try runTool(tool, arguments)
            let label = "\(tool) \(arguments.joined(separator: " "))"
            XCTAssertEqual(run.status, status, label)
            XCTAssertEqual(
                run.stderr.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init), firstLine,
                label)
        }
    }
}
