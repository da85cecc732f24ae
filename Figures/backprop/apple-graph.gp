# Buying apples as a computational graph, forward and backward (DLfS 5.4.1, fig 5-16)
# Drawn by Sources/BackpropChapter/BuyingApples.swift; `make backprop` regenerates it.
# Re-render with `gnuplot apple-graph.gp` in this folder; it writes apple-graph.png
# (or the file named by the variable `out`).
# Print width 15.00 cm (60 px per cm, at most the 15-cm column), where no text is below 7 pt; `make figures FORMAT=pdf` draws it so.
if (!exists("out")) out = 'apple-graph.png'
if (!exists("preview")) {
    set terminal pngcairo size 900,520 enhanced font "DejaVu Sans,14" linewidth 2
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

unset border
unset tics
unset key
unset grid
set size ratio -1
set xrange [-1.2:8.0]
set yrange [-0.6000000000000001:3.4000000000000004]
set title "2 apples at 100, tax 1.1\n{/:Italic values forward above the arrows, derivatives ∂price/∂· below (red), 6 digits}"
set style arrow 1 head filled size 0.12,20 linecolor rgb "#333333" linewidth 1.5
set object 1 circle at 2.6,2.0 size 0.32 fillcolor rgb "#f2f2f2" fillstyle solid border linecolor rgb "#333333" front
set label 1 "×" at 2.6,2.0 center front font ",20"
set object 2 circle at 5.0,1.1 size 0.32 fillcolor rgb "#f2f2f2" fillstyle solid border linecolor rgb "#333333" front
set label 2 "×" at 5.0,1.1 center front font ",20"
set label 3 "apple" at -0.1,2.6 right
set label 4 "apple count" at -0.1,1.4 right
set label 5 "tax" at -0.1,0.2 right
set label 6 "price" at 7.3,1.1 left
set arrow from 0.0,2.6 to 2.2800000000000002,2.0 arrowstyle 1
set label 7 "100" at 0.7600000000000001,2.6092105263157896 center
set label 8 "2.2" at 0.7600000000000001,2.17078947368421 center textcolor rgb "#d62728"
set arrow from 0.0,1.4 to 2.2800000000000002,2.0 arrowstyle 1
set label 9 "2" at 0.7600000000000001,1.8092105263157894 center
set label 10 "110" at 0.7600000000000001,1.3707894736842103 center textcolor rgb "#d62728"
set arrow from 2.92,2.0 to 4.68,1.1 arrowstyle 1
set label 11 "200" at 3.5066666666666664,2.0829545454545455 center
set label 12 "1.1" at 3.5066666666666664,1.2970454545454546 center textcolor rgb "#d62728"
set arrow from 0.0,0.2 to 4.68,1.1 arrowstyle 1
set label 13 "1.1" at 1.5599999999999998,0.7 center
set label 14 "200" at 1.5599999999999998,0.28 center textcolor rgb "#d62728"
set arrow from 5.32,1.1 to 7.2,1.1 arrowstyle 1
set label 15 "220" at 5.946666666666667,1.3 center
set label 16 "1" at 5.946666666666667,0.8800000000000001 center textcolor rgb "#d62728"
plot NaN notitle
