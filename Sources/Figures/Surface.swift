/// A function of two variables drawn as a shaded surface (pm3d), the way the book draws its
/// bowls (DLfS figs 4-8 and 6-1): blue from low to high, a thin mesh over it, no colour box.
extension Figure {
    /// Adds f on the grid xs × ys as the data block `name`, and the settings that draw it; the
    /// caller then sets labels, ranges and the view, and plots it with `surfacePlot(name)`.
    public mutating func surface(_ name: String, xs: [Double], ys: [Double], _ f: (Double, Double) -> Double) {
        data(name, rows: xs.flatMap { x in ys.map { y in [x, y, f(x, y)] } }, blockRows: ys.count)
        gnuplot(
            "set border 4095 linewidth 0.5",
            "set ticslevel 0",
            "set palette defined (0 \"#08306b\", 0.35 \"#2171b5\", 0.7 \"#6baed6\", 1 \"#f7fbff\")",
            "unset colorbox",
            "set pm3d depthorder border linecolor rgb \"#303030\" linewidth 0.4",
            "set key off")
    }

    /// The `splot` of a surface added by `surface(_:xs:ys:_:)`.
    public static func surfacePlot(_ name: String) -> String { "splot $\(name) using 1:2:3 with pm3d notitle" }
}
