# Underfitting and overfitting: training and unseen accuracy by hidden layer size (seed 002)
# Drawn by Sources/NotesNetworksChapter/MoonsFigures.swift; `make notes-networks` regenerates it.
# Re-render with `gnuplot moons-fit-by-size.gp` in this folder; it writes moons-fit-by-size.png
# (or the file named by the variable `out`).
# Print width 15.00 cm (60 px per cm, at most the 15-cm column), where no text is below 7 pt; `make figures FORMAT=pdf` draws it so.
if (!exists("out")) out = 'moons-fit-by-size.png'
if (!exists("preview")) {
    set terminal pngcairo size 900,560 enhanced font "DejaVu Sans,14" linewidth 2
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
$accuracy << EOD
1.000000000000000000e+00 8.650000000000000000e+01 8.640000000000000568e+01
2.000000000000000000e+00 9.200000000000000000e+01 9.079999999999999716e+01
3.000000000000000000e+00 9.750000000000000000e+01 9.589999999999999147e+01
4.000000000000000000e+00 9.900000000000000000e+01 9.550000000000000000e+01
5.000000000000000000e+00 9.900000000000000000e+01 9.589999999999999147e+01
2.000000000000000000e+01 9.900000000000000000e+01 9.429999999999999716e+01
5.000000000000000000e+01 9.900000000000000000e+01 9.450000000000000000e+01
e
EOD

set title "Too simple, then too complex: the moons network by hidden layer size"
set xlabel "hidden units H"
set ylabel "accuracy (%)"
set logscale x
set xrange [0.8:65]
set xtics ("1" 1, "2" 2, "3" 3, "4" 4, "5" 5, "10" 10, "20" 20, "50" 50)
set yrange [84:101]
set key bottom right
set label 1 "underfitting: both low" at 1.15,85.2 left
set label 2 "overfitting: the gap grows\nto 4.7 points" at 50,97 right
plot $accuracy using 1:2 with linespoints linecolor rgb "#1f77b4" linewidth 2 pointtype 7 pointsize 1.2 title "the notes' 200 training points", \
     $accuracy using 1:3 with linespoints linecolor rgb "#d62728" dashtype (6,3) linewidth 2 pointtype 5 pointsize 1.1 title "1000 unseen points"
