# Buying apples and oranges as a computational graph, forward and backward (DLfS 5.4, fig 5-17)
# Drawn by Sources/BackpropChapter/BuyingApples.swift; `make backprop` regenerates it.
# Re-render with `gnuplot apple-orange-graph.gp` in this folder; it writes apple-orange-graph.png
# (or the file named by the variable `out`).
# Print width 15.00 cm (60 px per cm, at most the 15-cm column), where no text is below 7 pt; `make figures FORMAT=pdf` draws it so.
if (!exists("out")) out = 'apple-orange-graph.png'
if (!exists("preview")) {
    set terminal pngcairo size 1100,660 enhanced font "DejaVu Sans,14" linewidth 2
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
set xrange [-1.2:10.4]
set yrange [-1.6:4.8]
set title "2 apples at 100, 3 oranges at 150, tax 1.1\n{/:Italic values forward above the arrows, derivatives ∂price/∂· below (red), 6 digits}"
set style arrow 1 head filled size 0.12,20 linecolor rgb "#333333" linewidth 1.5
set object 1 circle at 2.6,3.4 size 0.32 fillcolor rgb "#f2f2f2" fillstyle solid border linecolor rgb "#333333" front
set label 1 "×" at 2.6,3.4 center front font ",20"
set object 2 circle at 2.6,1.0 size 0.32 fillcolor rgb "#f2f2f2" fillstyle solid border linecolor rgb "#333333" front
set label 2 "×" at 2.6,1.0 center front font ",20"
set object 3 circle at 5.0,2.2 size 0.32 fillcolor rgb "#f2f2f2" fillstyle solid border linecolor rgb "#333333" front
set label 3 "+" at 5.0,2.2 center front font ",20"
set object 4 circle at 7.4,0.7 size 0.32 fillcolor rgb "#f2f2f2" fillstyle solid border linecolor rgb "#333333" front
set label 4 "×" at 7.4,0.7 center front font ",20"
set label 5 "apple" at -0.1,4.0 right
set label 6 "apple count" at -0.1,2.8 right
set label 7 "orange" at -0.1,1.6 right
set label 8 "orange count" at -0.1,0.4 right
set label 9 "tax" at -0.1,-0.8 right
set label 10 "price" at 9.7,0.7 left
set arrow from 0.0,4.0 to 2.2800000000000002,3.4 arrowstyle 1
set label 11 "100" at 0.7600000000000001,4.00921052631579 center
set label 12 "2.2" at 0.7600000000000001,3.57078947368421 center textcolor rgb "#d62728"
set arrow from 0.0,2.8 to 2.2800000000000002,3.4 arrowstyle 1
set label 13 "2" at 0.7600000000000001,3.2092105263157897 center
set label 14 "110" at 0.7600000000000001,2.7707894736842102 center textcolor rgb "#d62728"
set arrow from 0.0,1.6 to 2.2800000000000002,1.0 arrowstyle 1
set label 15 "150" at 0.7600000000000001,1.6092105263157896 center
set label 16 "3.3" at 0.7600000000000001,1.1707894736842106 center textcolor rgb "#d62728"
set arrow from 0.0,0.4 to 2.2800000000000002,1.0 arrowstyle 1
set label 17 "3" at 0.7600000000000001,0.8092105263157895 center
set label 18 "165" at 0.7600000000000001,0.37078947368421056 center textcolor rgb "#d62728"
set arrow from 2.92,3.4 to 4.68,2.2 arrowstyle 1
set label 19 "200" at 3.5066666666666664,3.5022727272727274 center
set label 20 "1.1" at 3.5066666666666664,2.4777272727272726 center textcolor rgb "#d62728"
set arrow from 2.92,1.0 to 4.68,2.2 arrowstyle 1
set label 21 "450" at 3.5066666666666664,1.9022727272727273 center
set label 22 "1.1" at 3.5066666666666664,0.8777272727272728 center textcolor rgb "#d62728"
set arrow from 5.32,2.2 to 7.08,0.7 arrowstyle 1
set label 23 "650" at 5.906666666666667,2.3215909090909093 center
set label 24 "1.1" at 5.906666666666667,1.058409090909091 center textcolor rgb "#d62728"
set arrow from 0.0,-0.8 to 7.08,0.7 arrowstyle 1
set label 25 "1.1" at 2.36,-0.10000000000000003 center
set label 26 "650" at 2.36,-0.52 center textcolor rgb "#d62728"
set arrow from 7.720000000000001,0.7 to 9.6,0.7 arrowstyle 1
set label 27 "715" at 8.346666666666668,0.8999999999999999 center
set label 28 "1" at 8.346666666666668,0.48 center textcolor rgb "#d62728"
plot NaN notitle
