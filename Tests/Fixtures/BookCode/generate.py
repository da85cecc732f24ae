"""Reference values from the book's own code, for the Swift tests.

Runs the official repository of 《深度学习入门》 (oreilly-japan/deep-learning-from-scratch) at the
pinned commit and writes JSON fixtures beside this script, each recording that commit. Nothing of
the book's code is copied here: the script checks the pinned commit out of a local clone into a
temporary folder, imports the book's modules from there, and runs them.

    python3 Tests/Fixtures/BookCode/generate.py PATH-TO-A-CLONE-OF-THE-BOOK'S-REPOSITORY [MNIST-FOLDER]

MNIST-FOLDER holds the four `*-ubyte.gz` files (default `$MNIST_DIR`); they are copied into the
checkout's `dataset/` folder, so the book's own `load_mnist` reads them without downloading.

Needs NumPy (the book's code imports it); writes each fixture with the NumPy version it ran. CI does not run this script; the tests read its output.
Floats are written as Python's repr strings, which read back as the same doubles.
"""
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import io

PINNED = "07b11618cdb5d5f78ad45464de0730efc07b0a4a"
HERE = os.path.dirname(os.path.abspath(__file__))


def checkout(repository, folder):
    """The pinned commit's files, from a clone (bare or not), into `folder`."""
    archive = subprocess.run(["git", "--git-dir", git_dir(repository), "archive", PINNED],
                             check=True, capture_output=True).stdout
    tarfile.open(fileobj=io.BytesIO(archive)).extractall(folder)


def git_dir(repository):
    inner = os.path.join(repository, ".git")
    return inner if os.path.isdir(inner) else repository


def write(name, values, source):
    import numpy as np
    fixture = {"repository": "oreilly-japan/deep-learning-from-scratch", "commit": PINNED,
               "source": source, "numpy": np.__version__, "values": values}
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(fixture, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print("wrote", name)


def optimizer_paths(book):
    """ch06/optimizer_compare_naive.py's loop: 30 updates from (-7, 2) on x**2/20 + y**2, for each
    optimizer class of common/optimizer.py, with the rates of the project's figure (the book's four,
    plus Nesterov at Momentum's 0.1 and RMSprop at Adam's 0.3)."""
    optimizer = __import__("common.optimizer", fromlist=["*"])

    def df(x, y):
        return x / 10.0, 2.0 * y

    rates = [("SGD", 0.95), ("Momentum", 0.1), ("Nesterov", 0.1), ("AdaGrad", 1.5), ("RMSprop", 0.3),
             ("Adam", 0.3)]
    paths = {}
    for name, lr in rates:
        opt = getattr(optimizer, name)(lr=lr)
        params = {"x": -7.0, "y": 2.0}
        grads = {}
        points = [(params["x"], params["y"])]
        for _ in range(30):
            grads["x"], grads["y"] = df(params["x"], params["y"])
            opt.update(params, grads)
            points.append((params["x"], params["y"]))
        paths[name] = {"lr": repr(lr), "points": [[repr(float(x)), repr(float(y))] for x, y in points]}
    write("optimizer-paths.json", paths, "ch06/optimizer_compare_naive.py with common/optimizer.py")


def floats(array):
    """An array's elements, flattened in row-major order, as repr strings."""
    import numpy as np
    return [repr(float(v)) for v in np.asarray(array, dtype=np.float64).ravel()]


def batch_normalization(book):
    """common/layers.py's BatchNormalization: after np.random.seed(0), x = randn(5, 3)*2 + 1,
    gamma = randn(3), beta = randn(3), dout = randn(5, 3); forward in training, backward, a second
    training batch randn(5, 3), then x again in inference mode."""
    import numpy as np
    layers = __import__("common.layers", fromlist=["*"])
    np.random.seed(0)
    x = np.random.randn(5, 3) * 2 + 1
    gamma, beta = np.random.randn(3), np.random.randn(3)
    dout = np.random.randn(5, 3)
    layer = layers.BatchNormalization(gamma, beta)
    out = layer.forward(x, train_flg=True)
    dx = layer.backward(dout)
    layer.forward(np.random.randn(5, 3), train_flg=True)
    inference = layer.forward(x, train_flg=False)
    write("batch-normalization.json", {
        "out": floats(out), "dx": floats(dx), "dgamma": floats(layer.dgamma), "dbeta": floats(layer.dbeta),
        "running_mean": floats(layer.running_mean), "running_var": floats(layer.running_var),
        "inference": floats(inference)}, "common/layers.py BatchNormalization")


def smoothing(book):
    """common/util.py's smooth_curve, and the np.kaiser(11, 2) window it uses, on a saw-tooth
    series (i % 7) - 0.5 (i % 3), i < 25."""
    import numpy as np
    util = __import__("common.util", fromlist=["*"])
    series = np.array([(i % 7) - 0.5 * (i % 3) for i in range(25)])
    write("smoothing.json", {"kaiser_11_2": floats(np.kaiser(11, 2)), "series": floats(series),
                             "smooth_curve": floats(util.smooth_curve(series))},
          "common/util.py smooth_curve")


def weight_scales(book):
    """ch06/batch_norm_test.py's weight_scale_list = np.logspace(0, -4, num=16)."""
    import numpy as np
    write("batch-norm-weight-scales.json", {"logspace": floats(np.logspace(0, -4, num=16))},
          "ch06/batch_norm_test.py weight_scale_list")


def search_draws(book):
    """ch06/hyperparameter_optimization.py after np.random.seed(0): shuffle_dataset of the 500
    images (common/util.py), then each trial's 10**uniform(-8, -4) weight decay and
    10**uniform(-6, -2) learning rate. Only the first trial's draws come before any training draw."""
    import numpy as np
    util = __import__("common.util", fromlist=["*"])
    np.random.seed(0)
    util.shuffle_dataset(np.zeros((500, 784)), np.zeros(500))
    weight_decay = 10 ** np.random.uniform(-8, -4)
    lr = 10 ** np.random.uniform(-6, -2)
    write("search-draws.json", {"first_weight_decay": repr(float(weight_decay)), "first_lr": repr(float(lr))},
          "ch06/hyperparameter_optimization.py with common/util.py shuffle_dataset")


def uniform_grid(book):
    """numpy.random.seed(0); numpy.random.rand(9, 2): the random-search trials of the coverage figure
    (NumPy's legacy generator, which the book's scripts use)."""
    import numpy as np
    np.random.seed(0)
    write("rand-9-2.json", {"rows": [floats(row) for row in np.random.rand(9, 2)]}, "numpy.random.rand after seed(0)")


HISTOGRAM_SCRIPT = "ch06/weight_init_activation_histogram.py"


def histogram_run(book, activation, init, seed, inputs=1000, units=100, layers=5):
    """ch06/weight_init_activation_histogram.py run as the book invites ("change the initial
    values", "change the activation"): its weight line and activation line replaced by the chosen
    ones, its sizes by the given ones, its plotting part left out, after np.random.seed(seed).
    Returns the script's `activations` (layer index -> array)."""
    import numpy as np
    with open(os.path.join(book, HISTOGRAM_SCRIPT), encoding="utf-8") as f:
        source = f.read()
    weights = {"std-1": "* 1", "std-0.01": "* 0.01", "xavier": "* np.sqrt(1.0 / node_num)",
               "he": "* np.sqrt(2.0 / node_num)"}[init]
    replacements = [
        ("w = np.random.randn(node_num, node_num) * 1\n", "w = np.random.randn(node_num, node_num) " + weights + "\n"),
        ("z = sigmoid(a)\n", "z = %s(a)\n" % {"sigmoid": "sigmoid", "relu": "ReLU", "tanh": "tanh"}[activation]),
        ("np.random.randn(1000, 100)", "np.random.randn(%d, %d)" % (inputs, units)),
        ("node_num = 100", "node_num = %d" % units),
        ("hidden_layer_size = 5", "hidden_layer_size = %d" % layers),
        ("import matplotlib.pyplot as plt\n", ""),
    ]
    for old, new in replacements:
        if source.count(old) != 1:
            sys.exit("%s changed: expected one %r" % (HISTOGRAM_SCRIPT, old))
        source = source.replace(old, new)
    source = source.split("# ヒストグラムを描画")[0]
    np.random.seed(seed)
    scope = {}
    exec(compile(source, HISTOGRAM_SCRIPT, "exec"), scope)
    return scope["activations"]


def activation_histograms(book):
    """The histogram experiment of DLfS 6.2.2-6.2.3 (`histogram_run`): a small run to follow by
    hand, and the book's size for each weight initialisation and activation the chapter shows,
    with NumPy's mean, std, three elements and three histograms."""
    import numpy as np
    small = histogram_run(book, "sigmoid", "std-1", 0, inputs=5, units=8, layers=3)
    he_small = histogram_run(book, "relu", "he", 3, inputs=5, units=8, layers=3)
    runs = {}
    for activation, init in [("sigmoid", "std-1"), ("sigmoid", "std-0.01"), ("sigmoid", "xavier"),
                             ("relu", "std-0.01"), ("relu", "xavier"), ("relu", "he"), ("tanh", "xavier")]:
        layers = histogram_run(book, activation, init, 0)
        runs[activation + "-" + init] = {
            "means": [repr(float(z.mean())) for z in layers.values()],
            "stds": [repr(float(z.std())) for z in layers.values()],
            "elements": [repr(float(layers[4][0, 0])), repr(float(layers[4][999, 99])), repr(float(layers[2][500, 50]))],
            "histograms": {str(k + 1): [int(c) for c in np.histogram(z.flatten(), 30, range=(-1, 1) if activation == "tanh" else (0, 1))[0]]
                           for k, z in layers.items()},
        }
    write("activation-histograms.json", {
        "small_sigmoid_std_1_seed_0": {"shape": [5, 8], "layers": {str(k): floats(z) for k, z in small.items()}},
        "small_relu_he_seed_3_means": [repr(float(z.mean())) for z in he_small.values()],
        "runs": runs}, HISTOGRAM_SCRIPT + " (weight and activation lines chosen, plots left out), seed 0")


def mnist_comparison(book, mnist):
    """ch06/optimizer_compare_mnist.py's first 150 iterations after np.random.seed(0): its four
    MultiLayerNets and optimizers, its batches, MNIST from the book's load_mnist (float32 pixels).
    Records every loss."""
    import numpy as np
    import shutil
    for name in ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                 "t10k-labels-idx1-ubyte.gz"):
        shutil.copy(os.path.join(mnist, name), os.path.join(book, "dataset", name))
    mnist_module = __import__("dataset.mnist", fromlist=["*"])
    net_module = __import__("common.multi_layer_net", fromlist=["*"])
    optimizer = __import__("common.optimizer", fromlist=["*"])
    (x_train, t_train), _ = mnist_module.load_mnist(normalize=True)
    np.random.seed(0)
    optimizers = {"SGD": optimizer.SGD(), "Momentum": optimizer.Momentum(), "AdaGrad": optimizer.AdaGrad(),
                  "Adam": optimizer.Adam()}
    networks = {key: net_module.MultiLayerNet(input_size=784, hidden_size_list=[100, 100, 100, 100], output_size=10)
                for key in optimizers}
    losses = {key: [] for key in optimizers}
    for _ in range(150):
        batch_mask = np.random.choice(x_train.shape[0], 128)
        x_batch, t_batch = x_train[batch_mask], t_train[batch_mask]
        for key in optimizers:
            grads = networks[key].gradient(x_batch, t_batch)
            optimizers[key].update(networks[key].params, grads)
            losses[key].append(repr(float(networks[key].loss(x_batch, t_batch))))
    write("mnist-comparison-150.json", {"pixel_dtype": str(x_train.dtype), "losses": losses},
          "ch06/optimizer_compare_mnist.py, first 150 iterations, with dataset/mnist.py load_mnist")


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    mnist = sys.argv[2] if len(sys.argv) == 3 else os.environ.get("MNIST_DIR", "")
    if not os.path.isdir(mnist):
        sys.exit("no MNIST folder: pass one or set MNIST_DIR\n\n" + __doc__)
    with tempfile.TemporaryDirectory() as folder:
        checkout(sys.argv[1], folder)
        sys.path.insert(0, folder)
        for make in (optimizer_paths, batch_normalization, smoothing, weight_scales, search_draws, uniform_grid,
                     activation_histograms):
            make(folder)
        mnist_comparison(folder, mnist)


if __name__ == "__main__":
    main()
