import BookChecks
import Figures
import FromScratch

/// DLfS 5.4's shopping examples on computational graphs (计算图): the price forward, and the
/// derivative of the price with respect to every input backward.
enum BuyingApples: WorkedExample {
    /// buy_apple.py: 2 apples at 100 each, tax 1.1.
    static func apples() -> (
        applePrice: Double, price: Double, dApplePrice: Double, dApple: Double, dAppleCount: Double, dTax: Double
    ) {
        var appleLayer = MultiplyNode(), taxLayer = MultiplyNode()
        let applePrice = appleLayer.forward(100, 2)
        let price = taxLayer.forward(applePrice, 1.1)
        let (dApplePrice, dTax) = taxLayer.backward(1)
        let (dApple, dAppleCount) = appleLayer.backward(dApplePrice)
        return (applePrice, price, dApplePrice, dApple, dAppleCount, dTax)
    }

    /// Every value of the apple-and-orange graph: forward, then backward.
    struct AppleOrangeValues {
        let applePrice, orangePrice, allPrice, price: Double
        let dAllPrice, dTax, dApplePrice, dOrangePrice, dOrange, dOrangeCount, dApple, dAppleCount: Double
    }

    /// buy_apple_orange.py: plus 3 oranges at 150 each, added before the tax.
    static func applesAndOranges() -> AppleOrangeValues {
        var appleLayer = MultiplyNode(), orangeLayer = MultiplyNode(), taxLayer = MultiplyNode()
        let addLayer = AddNode()
        let applePrice = appleLayer.forward(100, 2)
        let orangePrice = orangeLayer.forward(150, 3)
        let allPrice = addLayer.forward(applePrice, orangePrice)
        let price = taxLayer.forward(allPrice, 1.1)
        let (dAllPrice, dTax) = taxLayer.backward(1)
        let (dApplePrice, dOrangePrice) = addLayer.backward(dAllPrice)
        let (dOrange, dOrangeCount) = orangeLayer.backward(dOrangePrice)
        let (dApple, dAppleCount) = appleLayer.backward(dApplePrice)
        return AppleOrangeValues(
            applePrice: applePrice, orangePrice: orangePrice, allPrice: allPrice, price: price, dAllPrice: dAllPrice,
            dTax: dTax, dApplePrice: dApplePrice, dOrangePrice: dOrangePrice, dOrange: dOrange,
            dOrangeCount: dOrangeCount, dApple: dApple, dAppleCount: dAppleCount)
    }

    /// Python's `int(x)` of a float: towards zero. The book's scripts print the price and the
    /// count derivatives through it, so `price: 220` is int(220.00000000000003).
    static func int(_ x: Double) -> Double { x.rounded(.towardZero) }

    /// The rows quote what `ch05/buy_apple.py` and `ch05/buy_apple_orange.py` print.
    static var rows: [String: () -> Finding] {
        [
            "apple-price": { .value(int(apples().price)) },
            "apple-dapple": { .value(apples().dApple) },
            "apple-dapple-num": { .value(int(apples().dAppleCount)) },
            "apple-dtax": { .value(apples().dTax) },
            "apple-orange-price": { .value(int(applesAndOranges().price)) },
            "apple-orange-dapple-num": { .value(int(applesAndOranges().dAppleCount)) },
            "apple-orange-dapple": { .value(applesAndOranges().dApple) },
            "apple-orange-dorange": { .value(applesAndOranges().dOrange) },
            "apple-orange-dorange-num": { .value(int(applesAndOranges().dOrangeCount)) },
            "apple-orange-dtax": { .value(applesAndOranges().dTax) },
        ]
    }
}

extension BuyingApples {
    /// A computational graph as DLfS 5.2-5.4 draws it: inputs on the left, nodes as circles, every
    /// edge with its forward value above it (black) and, below it, the derivative of the price
    /// with respect to that value that the backward pass brings (red).
    struct Graph {
        struct Node { let name: String, x: Double, y: Double, symbol: String }
        struct Edge { let from: String, to: String, forward: Double, backward: Double }
        var nodes: [Node]
        var edges: [Edge]

        func figure(name: String, caption: String, title: String, width: Int, height: Int) -> Figure {
            var figure = Figure(name: name, caption: caption, width: width, height: height)
            let xs = nodes.map(\.x), ys = nodes.map(\.y)
            figure.gnuplot(
                "unset border", "unset tics", "unset key", "unset grid",
                "set size ratio -1",
                "set xrange [\(xs.min()! - 1.2):\(xs.max()! + 0.8)]",
                "set yrange [\(ys.min()! - 0.8):\(ys.max()! + 0.8)]",
                "set title \"\(title)\\n{/:Italic values forward above the arrows, derivatives ∂price/∂· below (red), 6 digits}\"",
                "set style arrow 1 head filled size 0.12,20 linecolor rgb \"#333333\" linewidth 1.5")
            var objectCount = 0, labelCount = 0
            let byName = Dictionary(uniqueKeysWithValues: nodes.map { ($0.name, $0) })
            for node in nodes where !node.symbol.isEmpty {
                objectCount += 1
                figure.gnuplot(
                    "set object \(objectCount) circle at \(node.x),\(node.y) size 0.32 fillcolor rgb \"#f2f2f2\" "
                        + "fillstyle solid border linecolor rgb \"#333333\" front")
                labelCount += 1
                figure.gnuplot(
                    "set label \(labelCount) \"\(node.symbol)\" at \(node.x),\(node.y) center front font \",20\"")
            }
            // Inputs are named left of their edge, the output right of its arrow.
            for node in nodes where node.symbol.isEmpty {
                labelCount += 1
                let isOutput = !edges.contains { $0.from == node.name }
                figure.gnuplot(
                    "set label \(labelCount) \"\(node.name)\" at \(node.x + (isOutput ? 0.1 : -0.1)),\(node.y) "
                        + "\(isOutput ? "left" : "right")")
            }
            for edge in edges {
                let (a, b) = (byName[edge.from]!, byName[edge.to]!)
                let start = a.symbol.isEmpty ? a.x : a.x + 0.32, end = b.symbol.isEmpty ? b.x : b.x - 0.32
                figure.gnuplot("set arrow from \(start),\(a.y) to \(end),\(b.y) arrowstyle 1")
                // A third of the way along, where edges that meet at a node are still apart; above
                // and below the edge by more where it slopes steeply, so that no end of a label
                // meets it (the gentle input edges keep their labels close, between their neighbours).
                let (mx, my) = (start + (end - start) / 3, a.y + (b.y - a.y) / 3)
                let clearance = 0.7 * max(0, abs((b.y - a.y) / (end - start)) - 0.25)
                labelCount += 1
                figure.gnuplot(
                    "set label \(labelCount) \"\(general(edge.forward))\" at \(mx),\(my + 0.2 + clearance) center"
                )
                labelCount += 1
                figure.gnuplot(
                    "set label \(labelCount) \"\(general(edge.backward))\" at \(mx),\(my - 0.22 - clearance) center "
                        + "textcolor rgb \"#d62728\""
                )
            }
            figure.gnuplot("plot NaN notitle")
            return figure
        }
    }

    /// DLfS fig 5-16: 2 apples, then tax, with every value of `buy_apple.py`.
    static func appleGraph() -> Figure {
        let v = apples()
        typealias N = Graph.Node
        typealias E = Graph.Edge
        let graph = Graph(
            nodes: [
                N(name: "apple", x: 0, y: 2.6, symbol: ""), N(name: "apple count", x: 0, y: 1.4, symbol: ""),
                N(name: "tax", x: 0, y: 0.2, symbol: ""),
                N(name: "apples", x: 2.6, y: 2, symbol: "×"), N(name: "taxed", x: 5, y: 1.1, symbol: "×"),
                N(name: "price", x: 7.2, y: 1.1, symbol: ""),
            ],
            edges: [
                E(from: "apple", to: "apples", forward: 100, backward: v.dApple),
                E(from: "apple count", to: "apples", forward: 2, backward: v.dAppleCount),
                E(from: "apples", to: "taxed", forward: v.applePrice, backward: v.dApplePrice),
                E(from: "tax", to: "taxed", forward: 1.1, backward: v.dTax),
                E(from: "taxed", to: "price", forward: v.price, backward: 1),
            ])
        return graph.figure(
            name: "apple-graph",
            caption: "Buying apples as a computational graph, forward and backward (DLfS 5.4.1, fig 5-16)",
            title: "2 apples at 100, tax 1.1", width: 900, height: 520)
    }

    /// DLfS fig 5-17: 2 apples and 3 oranges, then tax, with every value of `buy_apple_orange.py`.
    static func appleOrangeGraph() -> Figure {
        let v = applesAndOranges()
        typealias N = Graph.Node
        typealias E = Graph.Edge
        let graph = Graph(
            nodes: [
                N(name: "apple", x: 0, y: 4, symbol: ""), N(name: "apple count", x: 0, y: 2.8, symbol: ""),
                N(name: "orange", x: 0, y: 1.6, symbol: ""), N(name: "orange count", x: 0, y: 0.4, symbol: ""),
                N(name: "tax", x: 0, y: -0.8, symbol: ""),
                N(name: "apples", x: 2.6, y: 3.4, symbol: "×"), N(name: "oranges", x: 2.6, y: 1, symbol: "×"),
                N(name: "sum", x: 5, y: 2.2, symbol: "+"), N(name: "taxed", x: 7.4, y: 0.7, symbol: "×"),
                N(name: "price", x: 9.6, y: 0.7, symbol: ""),
            ],
            edges: [
                E(from: "apple", to: "apples", forward: 100, backward: v.dApple),
                E(from: "apple count", to: "apples", forward: 2, backward: v.dAppleCount),
                E(from: "orange", to: "oranges", forward: 150, backward: v.dOrange),
                E(from: "orange count", to: "oranges", forward: 3, backward: v.dOrangeCount),
                E(from: "apples", to: "sum", forward: v.applePrice, backward: v.dApplePrice),
                E(from: "oranges", to: "sum", forward: v.orangePrice, backward: v.dOrangePrice),
                E(from: "sum", to: "taxed", forward: v.allPrice, backward: v.dAllPrice),
                E(from: "tax", to: "taxed", forward: 1.1, backward: v.dTax),
                E(from: "taxed", to: "price", forward: v.price, backward: 1),
            ])
        return graph.figure(
            name: "apple-orange-graph",
            caption: "Buying apples and oranges as a computational graph, forward and backward (DLfS 5.4, fig 5-17)",
            title: "2 apples at 100, 3 oranges at 150, tax 1.1", width: 1100, height: 660)
    }

    static func figures() -> [Figure] { [appleGraph(), appleOrangeGraph()] }
}
