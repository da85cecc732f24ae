import Figures
import FromScratch

/// The surface of f(x0, x1) = x0² + x1² (DLfS fig 4-8).
public enum SquareSurface {
    public static func figure() -> Figure {
        var figure = Figure(name: "surface", caption: "f(x0, x1) = x0^2 + x1^2 as a surface (DLfS fig 4-8)")
        let axis = arange(-3, 3.25, 0.25)
        var grid: [[Double]] = []
        for x0 in axis {
            for x1 in axis { grid.append([x0, x1, x0 * x0 + x1 * x1]) }
        }
        figure.data("grid", rows: grid, blockRows: axis.count)
        figure.gnuplot(
            "set title \"f(x_0, x_1) = x_0^2 + x_1^2\"",
            "set xlabel \"x_0\" offset 0,-1",
            "set ylabel \"x_1\" offset 0,-1",
            "set zlabel \"f\" rotate by 0",
            "set xrange [-3:3]",
            "set yrange [-3:3]",
            "set zrange [0:18]",
            // From 3: a z tick "0" would sit on the x0 tick "-3" at the same corner.
            "set ztics 3,3,18",
            "set border 4095 linewidth 0.5",
            "set view 60, 35",
            "set ticslevel 0",
            "set palette defined (0 \"#08306b\", 0.35 \"#2171b5\", 0.7 \"#6baed6\", 1 \"#f7fbff\")",
            "unset colorbox",
            "set pm3d depthorder border linecolor rgb \"#303030\" linewidth 0.4",
            "set key off",
            "splot $grid using 1:2:3 with pm3d notitle")
        return figure
    }
}

/// The field of −∇f for f = x0² + x1² on [-2, 2]²: every arrow points to the minimum, longer
/// farther away (DLfS fig 4-9). The gradients are numerical, point by point.
public enum GradientField {
    public static func figure(spacing: Double = 0.25, arrowScale: Double = 0.06) -> Figure {
        var figure = Figure(name: "gradient-field",
                            caption: "The negative gradient of x0^2 + x1^2 on [-2, 2]^2 (DLfS fig 4-9)",
                            width: 760, height: 720)
        let axis = arange(-2, 2.25, spacing)
        var arrows: [[Double]] = []
        for x0 in axis {
            for x1 in axis {
                let g = numericalGradient(BookFunctions.function2, at: Matrix(row: [x0, x1]))
                arrows.append([x0, x1, -arrowScale * g[flat: 0], -arrowScale * g[flat: 1]])
            }
        }
        figure.data("field", rows: arrows)
        figure.gnuplot(
            "set title \"-grad f for f(x_0, x_1) = x_0^2 + x_1^2 (arrows scaled by \(arrowScale))\"",
            "set xlabel \"x_0\"",
            "set ylabel \"x_1\"",
            "set xrange [-2.5:2.5]",
            "set yrange [-2.5:2.5]",
            "set size ratio -1",
            "set key below",
            "set style arrow 1 head filled size screen 0.012,20 linecolor rgb \"#555555\" linewidth 1.2",
            "plot $field using 1:2:3:4 with vectors arrowstyle 1 title \"-grad f (numerical)\", \\",
            "     '+' using (0):(0) with points pointtype 7 pointsize 1.5 linecolor rgb \"#d62728\" title \"minimum (0, 0)\"")
        return figure
    }
}
