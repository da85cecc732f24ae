# Train and test accuracy per epoch, 784-50-10 relu, batch 100, lr 0.1, seed 0 (drawn as DLfS fig 4-12, for the relu net of 5.7.4)
# Drawn by Sources/MNISTTraining/LearningCurves.swift; `make backprop` regenerates it.
# Re-render with `gnuplot mnist-relu-accuracy.gp` in this folder; it writes mnist-relu-accuracy.png
# (or the file named by the variable `out`).
# Print width 15.00 cm (60 px per cm, at most the 15-cm column), where no text is below 7 pt; `make figures FORMAT=pdf` draws it so.
if (!exists("out")) out = 'mnist-relu-accuracy.png'
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
0.000000000000000000e+00 1.089999999999999997e-01 1.136000000000000065e-01
1.000000000000000000e+00 9.051333333333333453e-01 9.069000000000000394e-01
2.000000000000000000e+00 9.216499999999999693e-01 9.212000000000000188e-01
3.000000000000000000e+00 9.334166666666666723e-01 9.335999999999999854e-01
4.000000000000000000e+00 9.450166666666666160e-01 9.429999999999999494e-01
5.000000000000000000e+00 9.513333333333333641e-01 9.482000000000000428e-01
6.000000000000000000e+00 9.566166666666666707e-01 9.532000000000000473e-01
7.000000000000000000e+00 9.614166666666666972e-01 9.572000000000000508e-01
8.000000000000000000e+00 9.634166666666666989e-01 9.582000000000000517e-01
9.000000000000000000e+00 9.661166666666666236e-01 9.613000000000000433e-01
1.000000000000000000e+01 9.697333333333333361e-01 9.627000000000000002e-01
1.100000000000000000e+01 9.710999999999999632e-01 9.635000000000000231e-01
1.200000000000000000e+01 9.733000000000000540e-01 9.668999999999999817e-01
1.300000000000000000e+01 9.743833333333333790e-01 9.661999999999999478e-01
1.400000000000000000e+01 9.755000000000000338e-01 9.684000000000000385e-01
1.500000000000000000e+01 9.774500000000000410e-01 9.688999999999999835e-01
1.600000000000000000e+01 9.785833333333333606e-01 9.698999999999999844e-01
e
EOD

set multiplot
set title "Accuracy per epoch, 784-50-10 ReLU net"
set xlabel "epoch"
set ylabel "accuracy"
set xrange [0:16]
set yrange [0:1]
set key at graph 0.97, 0.84 right top
plot $acc using 1:2 with linespoints linecolor rgb "#1f77b4" linewidth 2 pointtype 7 pointsize 0.8 title "train", \
     $acc using 1:3 with linespoints linecolor rgb "#d62728" dashtype (6,3) linewidth 2 pointtype 5 pointsize 0.8 title "test"
set ytics 0.02
set origin 0.33, 0.16
set size 0.62, 0.5
set xrange [1:16]
set yrange [0.898:0.986]
set title "from epoch 1, zoomed" offset 0,-0.5
unset xlabel
unset ylabel
unset key
set object 1 rectangle from graph 0, graph 0 to graph 1, graph 1 behind fillcolor rgb "white" fillstyle solid noborder
plot $acc using 1:2 with linespoints linecolor rgb "#1f77b4" linewidth 2 pointtype 7 pointsize 0.8 title "train", \
     $acc using 1:3 with linespoints linecolor rgb "#d62728" dashtype (6,3) linewidth 2 pointtype 5 pointsize 0.8 title "test"
unset multiplot
