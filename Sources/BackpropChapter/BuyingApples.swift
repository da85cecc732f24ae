import BookChecks
import FromScratch

/// DLfS 5.4's shopping examples on computational graphs (计算图): the price forward, and the
/// derivative of the price with respect to every input backward.
enum BuyingApples: WorkedExample {
    /// buy_apple.py: 2 apples at 100 each, tax 1.1.
    static func apples() -> (price: Double, dApple: Double, dAppleCount: Double, dTax: Double) {
        var appleLayer = MultiplyNode(), taxLayer = MultiplyNode()
        let applePrice = appleLayer.forward(100, 2)
        let price = taxLayer.forward(applePrice, 1.1)
        let (dApplePrice, dTax) = taxLayer.backward(1)
        let (dApple, dAppleCount) = appleLayer.backward(dApplePrice)
        return (price, dApple, dAppleCount, dTax)
    }

    /// buy_apple_orange.py: plus 3 oranges at 150 each, added before the tax.
    static func applesAndOranges() -> (
        price: Double, dAppleCount: Double, dApple: Double, dOrange: Double,
        dOrangeCount: Double, dTax: Double
    ) {
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
        return (price, dAppleCount, dApple, dOrange, dOrangeCount, dTax)
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
