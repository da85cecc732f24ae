# Train and test accuracy per epoch, 784-50-10 sigmoid, batch 100, lr 0.1, seed 0 (DLfS fig 4-12)
# Drawn by Sources/MNISTTraining/LearningCurves.swift; `make gradient-descent` regenerates it.
# Re-render with `gnuplot mnist-sigmoid-accuracy.gp` in this folder; it writes mnist-sigmoid-accuracy.png
# (or the file named by the variable `out`).
# Print width 15.00 cm (60 px per cm, at most the 15-cm column), where no text is below 7 pt; `make figures FORMAT=pdf` draws it so.
if (!exists("out")) out = 'mnist-sigmoid-accuracy.png'
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
$acc << EOD
0.000000000000000000e+00 9.915000000000000202e-02 1.009000000000000036e-01
1.000000000000000000e+00 7.823333333333333250e-01 7.914999999999999813e-01
2.000000000000000000e+00 8.789500000000000091e-01 8.813999999999999613e-01
3.000000000000000000e+00 8.999666666666666925e-01 9.015999999999999570e-01
4.000000000000000000e+00 9.093999999999999861e-01 9.114999999999999769e-01
5.000000000000000000e+00 9.152500000000000080e-01 9.163000000000000034e-01
6.000000000000000000e+00 9.205666666666666442e-01 9.222000000000000197e-01
7.000000000000000000e+00 9.243999999999999995e-01 9.263000000000000123e-01
8.000000000000000000e+00 9.273666666666666725e-01 9.290000000000000480e-01
9.000000000000000000e+00 9.306999999999999718e-01 9.317999999999999616e-01
1.000000000000000000e+01 9.344999999999999973e-01 9.360000000000000542e-01
1.100000000000000000e+01 9.377499999999999725e-01 9.376999999999999780e-01
1.200000000000000000e+01 9.400666666666667171e-01 9.404000000000000137e-01
1.300000000000000000e+01 9.422833333333333616e-01 9.417999999999999705e-01
1.400000000000000000e+01 9.442166666666667041e-01 9.429999999999999494e-01
1.500000000000000000e+01 9.466666666666666563e-01 9.454000000000000181e-01
1.600000000000000000e+01 9.481166666666667187e-01 9.467999999999999750e-01
e
EOD

set multiplot
set title "Accuracy per epoch, 784-50-10 sigmoid net"
set xlabel "epoch"
set ylabel "accuracy"
set xrange [0:16]
set yrange [0:1]
set key at graph 0.97, 0.84 right top
plot $acc using 1:2 with linespoints linecolor rgb "#1f77b4" linewidth 2 pointtype 7 pointsize 0.8 title "train", \
     $acc using 1:3 with linespoints linecolor rgb "#d62728" dashtype (6,3) linewidth 2 pointtype 5 pointsize 0.8 title "test"
set ytics 0.05
set origin 0.33, 0.16
set size 0.62, 0.5
set xrange [1:16]
set yrange [0.766:0.965]
set title "from epoch 1, zoomed" offset 0,-0.5
unset xlabel
unset ylabel
unset key
set object 1 rectangle from graph 0, graph 0 to graph 1, graph 1 behind fillcolor rgb "white" fillstyle solid noborder
plot $acc using 1:2 with linespoints linecolor rgb "#1f77b4" linewidth 2 pointtype 7 pointsize 0.8 title "train", \
     $acc using 1:3 with linespoints linecolor rgb "#d62728" dashtype (6,3) linewidth 2 pointtype 5 pointsize 0.8 title "test"
unset multiplot
