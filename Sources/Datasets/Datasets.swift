// Datasets: NumPy-compatible data sets (make_moons) and MNIST. See issue 3.
