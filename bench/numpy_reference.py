"""NumPy reference for `make bench`: the book's algorithms (two-layer and five-layer nets with
Affine/ReLU/SoftmaxWithLoss layers and SGD), written for this project, timed on the same workloads
as the Swift benchmark. Prints one JSON object: workload -> list of seconds per repetition.

Run by `make bench` twice: with OPENBLAS_NUM_THREADS etc. set to one thread, as for the Swift side,
and with NumPy's default threads, as a reader running the book's scripts gets them.
"""
import gzip
import json
import os
import sys
import time

import numpy as np


def load_mnist(directory):
    def images(name):
        with gzip.open(os.path.join(directory, name), "rb") as f:
            data = np.frombuffer(f.read(), np.uint8, offset=16)
        return data.reshape(-1, 784).astype(np.float64) / 255.0

    def labels(name):
        with gzip.open(os.path.join(directory, name), "rb") as f:
            return np.frombuffer(f.read(), np.uint8, offset=8).astype(np.int64)

    return (images("train-images-idx3-ubyte.gz"), labels("train-labels-idx1-ubyte.gz"),
            images("t10k-images-idx3-ubyte.gz"), labels("t10k-labels-idx1-ubyte.gz"))


def softmax(x):
    x = x - x.max(axis=1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=1, keepdims=True)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


class Net:
    """Affine-activation-...-Affine-SoftmaxWithLoss, as DLfS 4.5, 5.7 and 6.1.8 build it."""

    def __init__(self, sizes, std, activation="relu"):
        self.W = [std(n) * np.random.randn(n, m) for n, m in zip(sizes[:-1], sizes[1:])]
        self.b = [np.zeros(m) for m in sizes[1:]]
        self.sigmoid = activation == "sigmoid"

    def forward(self, x):
        outs = [x]
        for i, (W, b) in enumerate(zip(self.W, self.b)):
            x = x.dot(W) + b
            if i < len(self.W) - 1:
                x = sigmoid(x) if self.sigmoid else np.maximum(x, 0)
            outs.append(x)
        return outs

    def predict(self, x):
        return self.forward(x)[-1]

    def loss(self, x, t):
        y = softmax(self.predict(x))
        return -np.sum(np.log(y[np.arange(len(t)), t] + 1e-7)) / len(t)

    def step(self, x, t, lr):
        """Backpropagation and the SGD update (the book then calls loss() for its record)."""
        SGD(lr).update(self.params(), self.gradients(x, t))

    def gradients(self, x, t, decay=0.0):
        """Backpropagation without the update: the weights' gradients (plus decay * W, the book's
        weight decay), then the biases', in the order of params()."""
        outs = self.forward(x)
        y = softmax(outs[-1])
        n = len(t)
        d = y.copy()
        d[np.arange(n), t] -= 1
        d /= n
        gW, gb = [None] * len(self.W), [None] * len(self.W)
        for i in reversed(range(len(self.W))):
            gW[i] = outs[i].T.dot(d) + decay * self.W[i] if decay else outs[i].T.dot(d)
            gb[i] = d.sum(axis=0)
            if i > 0:
                d = d.dot(self.W[i].T)
                d = d * (1 - outs[i]) * outs[i] if self.sigmoid else d * (outs[i] > 0)
        return gW + gb

    def params(self):
        return self.W + self.b

    def accuracy(self, x, t, batch=10000):
        correct = 0
        for s in range(0, len(x), batch):
            correct += np.sum(self.predict(x[s:s + batch]).argmax(axis=1) == t[s:s + batch])
        return correct / len(x)


class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for p, g in zip(params, grads):
            p -= self.lr * g


class Momentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr, self.momentum, self.v = lr, momentum, None

    def update(self, params, grads):
        if self.v is None:
            self.v = [np.zeros_like(p) for p in params]
        for p, g, v in zip(params, grads, self.v):
            v *= self.momentum
            v -= self.lr * g
            p += v


class AdaGrad:
    def __init__(self, lr=0.01):
        self.lr, self.h = lr, None

    def update(self, params, grads):
        if self.h is None:
            self.h = [np.zeros_like(p) for p in params]
        for p, g, h in zip(params, grads, self.h):
            h += g * g
            p -= self.lr * g / (np.sqrt(h) + 1e-7)


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr, self.beta1, self.beta2, self.iter, self.m, self.v = lr, beta1, beta2, 0, None, None

    def update(self, params, grads):
        if self.m is None:
            self.m = [np.zeros_like(p) for p in params]
            self.v = [np.zeros_like(p) for p in params]
        self.iter += 1
        lr_t = self.lr * np.sqrt(1.0 - self.beta2 ** self.iter) / (1.0 - self.beta1 ** self.iter)
        for p, g, m, v in zip(params, grads, self.m, self.v):
            m += (1 - self.beta1) * (g - m)
            v += (1 - self.beta2) * (g ** 2 - v)
            p -= lr_t * m / (np.sqrt(v) + 1e-7)


def blas_description():
    """NumPy's BLAS as it will run: library, kernel set and thread count, read from the library."""
    import ctypes
    import glob
    folder = os.path.join(os.path.dirname(np.__file__), os.pardir, "numpy.libs")
    for path in glob.glob(os.path.join(folder, "*openblas*")):
        library = ctypes.CDLL(path)
        for prefix in ("scipy_openblas", "openblas"):
            for suffix in ("64_", ""):
                corename = getattr(library, prefix + "_get_corename" + suffix, None)
                threads = getattr(library, prefix + "_get_num_threads" + suffix, None)
                if corename and threads:
                    corename.restype = ctypes.c_char_p
                    return "NumPy %s, %s %s kernels, %d thread(s)" % (
                        np.__version__, os.path.basename(path).split("-")[0], corename().decode(), threads())
    return "NumPy %s (BLAS not identified)" % np.__version__


def timed(f, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    return times


def main():
    directory = sys.argv[1]
    quick = "--quick" in sys.argv
    # --only a,b: time only the workloads whose names contain a or b (as the Swift side's --only).
    only = sys.argv[sys.argv.index("--only") + 1].split(",") if "--only" in sys.argv[:-1] else []

    def wanted(name):
        return not only or any(part in name for part in only)
    xtr, ttr, xte, tte = load_mnist(directory)
    np.random.seed(0)
    results = {"blas": blas_description()}
    a, b = np.random.randn(100, 784), np.random.randn(784, 50)

    def dgemm():
        for _ in range(200):
            a.dot(b)

    if wanted("dgemm 100x784 x 784x50"):
        results["dgemm 100x784 x 784x50"] = [t / 200 for t in timed(dgemm, 7)]

    two = Net([784, 50, 10], lambda n: 0.01)
    steps = 200

    def two_layer_steps():
        for _ in range(steps):
            mask = np.random.choice(60000, 100)
            two.step(xtr[mask], ttr[mask], 0.1)
            two.loss(xtr[mask], ttr[mask])

    if wanted("two-layer step"):
        results["two-layer step"] = [t / steps for t in timed(two_layer_steps, 5)]

    five = Net([784, 100, 100, 100, 100, 10], lambda n: np.sqrt(2.0 / n))

    def five_layer_steps():
        for _ in range(steps):
            mask = np.random.choice(60000, 128)
            five.step(xtr[mask], ttr[mask], 0.01)
            five.loss(xtr[mask], ttr[mask])

    if wanted("five-layer step"):
        results["five-layer step"] = [t / steps for t in timed(five_layer_steps, 5)]
    if wanted("accuracy, 10000 images"):
        results["accuracy, 10000 images"] = timed(lambda: two.accuracy(xte, tte), 5)

    def whole_run(activation):
        np.random.seed(0)
        net = Net([784, 50, 10], lambda n: 0.01, activation)
        for i in range(10000):
            mask = np.random.choice(60000, 100)
            net.step(xtr[mask], ttr[mask], 0.1)
            net.loss(xtr[mask], ttr[mask])
            if i % 600 == 0:
                net.accuracy(xtr, ttr)
                net.accuracy(xte, tte)

    # DLfS 4.5 trains the sigmoid net, 5.7.4 the ReLU net, on the same schedule.
    for chapter, activation in [(4, "sigmoid"), (5, "relu")]:
        name = "chapter %d run (10000 iterations + 17 evaluations)" % chapter
        if wanted(name):
            results[name] = timed(lambda: whole_run(activation), 1 if quick else 3)
    # Whole chapter-6 experiments, shortened, as the book's scripts run them: one network after
    # another, one BLAS thread.
    iterations = 100 if quick else 500

    def optimizer_comparison():
        np.random.seed(0)
        nets = [Net([784, 100, 100, 100, 100, 10], lambda n: np.sqrt(2.0 / n)) for _ in range(4)]
        optimizers = [SGD(), Momentum(), AdaGrad(), Adam()]
        for _ in range(iterations):
            mask = np.random.choice(60000, 128)
            x, t = xtr[mask], ttr[mask]
            for net, optimizer in zip(nets, optimizers):
                params = net.params()
                optimizer.update(params, net.gradients(x, t))
                net.loss(x, t)

    name = "optimizer comparison (4 nets x %d iterations)" % iterations
    if wanted(name):
        results[name] = timed(optimizer_comparison, 1 if quick else 3)

    trials = 2 if quick else 10

    def random_search():
        # hyperparameter_optimization.py: a validation split of 500 images, trials of 50 epochs with
        # the Trainer's schedule (4 updates an epoch, accuracies after every 4th). The Trainer's
        # per-step loss, which the search never reads, is left out on both sides.
        np.random.seed(0)
        order = np.random.permutation(500)
        x, t = xtr[:500][order], ttr[:500][order]
        xv, tv, xt, tt = x[:100], t[:100], x[100:], t[100:]
        for _ in range(trials):
            decay = 10 ** np.random.uniform(-8, -4)
            lr = 10 ** np.random.uniform(-6, -2)
            net = Net([784] + [100] * 6 + [10], lambda n: np.sqrt(2.0 / n))
            sgd = SGD(lr)
            for i in range(200):
                mask = np.random.choice(400, 100)
                sgd.update(net.params(), net.gradients(xt[mask], tt[mask], decay))
                if i % 4 == 0:
                    net.accuracy(xt, tt)
                    net.accuracy(xv, tv)

    name = "random search (%d trials x 50 epochs)" % trials
    if wanted(name):
        results[name] = timed(random_search, 1 if quick else 3)
    print(json.dumps(results))


def load_mnist_as_the_book(directory):
    """The book's dataset/mnist.py load_mnist(normalize=True): uint8 pixels as float32, divided by
    255 in float32; labels as uint8."""
    def images(name):
        with gzip.open(os.path.join(directory, name), "rb") as f:
            data = np.frombuffer(f.read(), np.uint8, offset=16)
        x = data.reshape(-1, 784).astype(np.float32)
        x /= 255.0
        return x

    def labels(name):
        with gzip.open(os.path.join(directory, name), "rb") as f:
            return np.frombuffer(f.read(), np.uint8, offset=8)

    return (images("train-images-idx3-ubyte.gz"), labels("train-labels-idx1-ubyte.gz"),
            images("t10k-images-idx3-ubyte.gz"), labels("t10k-labels-idx1-ubyte.gz"))


def peak_memory_run(directory, name):
    """A shortened whole run that holds and reads the data as the book's script for `name` does:
    both sets loaded as its load_mnist loads them, mini-batches drawn from the training images the
    script trains on, and each evaluation one call over a whole set (the float32 images are
    widened to float64 where they meet the weights). `make bench` measures the process's peak
    memory from outside; the Swift side runs the same shortened workloads."""
    x_train, t_train, x_test, t_test = load_mnist_as_the_book(directory)
    np.random.seed(0)
    he = lambda n: np.sqrt(2.0 / n)
    # name -> (training images, networks' sizes, weight std, iterations, batch, evaluate every,
    #          evaluate on the test set too)
    runs = {
        "chapter 4 run": (60000, [[784, 50, 10]], lambda n: 0.01, 1200, 100, 600, True),
        "chapter 5 run": (60000, [[784, 50, 10]], lambda n: 0.01, 1200, 100, 600, True),
        "optimizer comparison": (60000, [[784] + [100] * 4 + [10]] * 4, he, 100, 128, None, False),
        "weight-init comparison": (60000, [[784] + [100] * 4 + [10]] * 3, he, 100, 128, None, False),
        "batch-norm comparison": (1000, [[784] + [100] * 5 + [10]] * 2, he, 20, 100, 10, False),
        "overfitting": (300, [[784] + [100] * 6 + [10]], he, 9, 100, 3, True),
        "random search": (500, [[784] + [100] * 6 + [10]] * 2, he, 8, 100, 4, True),
    }
    count, sizes, std, iterations, batch, every, with_test = runs[name]
    x, t = x_train[:count], t_train[:count]
    if name == "random search":
        # shuffle_dataset, then a validation split: copies of the 500 images.
        order = np.random.permutation(count)
        x, t = x[order], t[order]
        x_test, t_test, x, t = x[:100], t[:100], x[100:], t[100:]
    nets = [Net(s, std, "sigmoid" if name == "chapter 4 run" else "relu") for s in sizes]
    for i in range(iterations):
        mask = np.random.choice(len(x), batch)
        for net in nets:
            SGD(0.01).update(net.params(), net.gradients(x[mask], t[mask]))
            if every and i % every == 0:
                net.accuracy(x, t, batch=len(x))
                if with_test:
                    net.accuracy(x_test, t_test, batch=len(x_test))


if __name__ == "__main__":
    if "--peak-memory" in sys.argv[:-1]:
        peak_memory_run(sys.argv[1], sys.argv[sys.argv.index("--peak-memory") + 1])
    else:
        main()
