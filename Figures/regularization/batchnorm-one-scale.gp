# Training accuracy with and without batch normalisation, initial weights' std 0.0464 (DLfS fig 6-18)
# Drawn by Sources/RegularizationChapter/BatchNormExperiment.swift; `make regularization` regenerates it.
# Re-render with `gnuplot batchnorm-one-scale.gp` in this folder; it writes batchnorm-one-scale.png
# (or the file named by the variable `out`).
# Print width 15.00 cm (60 px per cm, at most the 15-cm column), where no text is below 7 pt; `make figures FORMAT=pdf` draws it so.
if (!exists("out")) out = 'batchnorm-one-scale.png'
if (!exists("preview")) {
    set terminal pngcairo size 900,640 enhanced font "DejaVu Sans,14" linewidth 2
    set output out
}
set encoding utf8
set minussign
set border linewidth 1
set grid linecolor rgb "#d8d8d8" linewidth 0.5 dashtype 1
set key box opaque samplen 3 spacing 1.2
set tics nomirror out
set border 3
set style line 1 linecolor rgb "#1f77b4" linewidth 2
set style line 2 linecolor rgb "#d62728" linewidth 2 dashtype (6,3)
set style line 3 linecolor rgb "#2ca02c" linewidth 2
set style line 4 linecolor rgb "#ff7f0e" linewidth 2
set style line 5 linecolor rgb "#9467bd" linewidth 2
set style line 6 linecolor rgb "#8c564b" linewidth 2
set style line 9 linecolor rgb "#9a9a9a" linewidth 1
$pair << EOD
0.000000000000000000e+00 1.499999999999999944e-01 1.189999999999999947e-01
1.000000000000000000e+00 2.330000000000000127e-01 1.710000000000000131e-01
2.000000000000000000e+00 5.160000000000000142e-01 1.509999999999999953e-01
3.000000000000000000e+00 5.989999999999999769e-01 1.620000000000000051e-01
4.000000000000000000e+00 6.550000000000000266e-01 1.960000000000000075e-01
5.000000000000000000e+00 6.969999999999999529e-01 2.030000000000000138e-01
6.000000000000000000e+00 7.429999999999999938e-01 1.570000000000000007e-01
7.000000000000000000e+00 7.760000000000000231e-01 1.580000000000000016e-01
8.000000000000000000e+00 8.020000000000000462e-01 2.069999999999999896e-01
9.000000000000000000e+00 8.229999999999999538e-01 1.340000000000000080e-01
1.000000000000000000e+01 8.499999999999999778e-01 1.280000000000000027e-01
1.100000000000000000e+01 8.609999999999999876e-01 1.170000000000000068e-01
1.200000000000000000e+01 8.739999999999999991e-01 1.590000000000000024e-01
1.300000000000000000e+01 8.900000000000000133e-01 1.630000000000000060e-01
1.400000000000000000e+01 8.990000000000000213e-01 1.950000000000000067e-01
1.500000000000000000e+01 9.080000000000000293e-01 1.419999999999999873e-01
1.600000000000000000e+01 9.230000000000000426e-01 1.940000000000000058e-01
1.700000000000000000e+01 9.290000000000000480e-01 1.970000000000000084e-01
1.800000000000000000e+01 9.320000000000000506e-01 1.179999999999999938e-01
1.900000000000000000e+01 9.439999999999999503e-01 1.170000000000000068e-01
e
EOD

set title "Batch norm speeds learning up (initial weights' std 0.0464)"
set xlabel "epoch"
set ylabel "training accuracy"
set yrange [0:1]
set xrange [0:19]
set grid ytics
set key at graph 0.97, graph 0.5 right
plot $pair using 1:2 with linespoints linestyle 1 pointtype 7 pointsize 0.8 title "with batch norm", \
     $pair using 1:3 with linespoints linestyle 2 pointtype 5 pointsize 0.8 title "without"
