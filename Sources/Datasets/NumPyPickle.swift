import Foundation
import FromScratch

/// A NumPy array read from a pickle: its shape and its elements as doubles (row-major).
public struct NumPyArray: Sendable {
    public let shape: [Int]
    public let values: [Double]
    /// NumPy's type string, e.g. `<f4`.
    public let dtype: String

    /// The array as a matrix: 2-D as it is, 1-D as one row (NumPy's broadcasting of a bias).
    public var matrix: Matrix {
        shape.count == 2 ? Matrix(rows: shape[0], cols: shape[1], storage: values) : Matrix(row: values)
    }
}

public struct PickleError: Error, CustomStringConvertible, Equatable {
    public let file: String
    public let problem: String
    public var description: String { "\(file): \(problem)" }

    public init(file: String, problem: String) {
        self.file = file
        self.problem = problem
    }
}

/// Reads the subset of Python's pickle format that a dict of NumPy arrays uses — the book's
/// `sample_weight.pkl` (protocol 3: a dict of `numpy.core.multiarray._reconstruct` arrays) —
/// and refuses anything else with an error naming the file and the first thing it cannot read.
///
/// No Python object is ever executed: the only callables accepted are NumPy's array
/// reconstructor and `numpy.dtype`, interpreted here.
public enum NumPyPickle {
    public static func loadArrays(from url: URL) throws -> [String: NumPyArray] {
        guard let data = try? Data(contentsOf: url) else {
            throw PickleError(file: url.path, problem: "cannot read the file (missing or unreadable)")
        }
        return try loadArrays(from: [UInt8](data), name: url.path)
    }

    public static func loadArrays(from bytes: [UInt8], name: String) throws -> [String: NumPyArray] {
        var machine = PickleMachine(bytes: bytes, name: name)
        let result = try machine.run()
        guard case let .dict(dict) = result else {
            throw PickleError(file: name, problem: "the pickle holds \(result.kind), not a dict of arrays")
        }
        var arrays: [String: NumPyArray] = [:]
        for (key, value) in dict.entries {
            guard case let .string(name) = key else {
                throw PickleError(file: machine.name, problem: "a dict key is \(key.kind), not a string")
            }
            guard case let .array(builder) = value, let array = builder.array else {
                throw PickleError(file: machine.name, problem: "'\(name)' is \(value.kind), not a NumPy array")
            }
            arrays[name] = array
        }
        return arrays
    }
}

// MARK: - The pickle virtual machine (the subset used by NumPy arrays)

private final class PyDict {
    var entries: [(PyValue, PyValue)] = []
}

/// A dtype built by `numpy.dtype('f4', 0, 1)` and then given its byte order by BUILD.
private final class PyDType {
    let code: String
    var byteOrder = "="
    init(code: String) { self.code = code }
}

/// An ndarray built by `_reconstruct(ndarray, (0,), b'b')` and filled by BUILD.
private final class ArrayBuilder {
    var array: NumPyArray?
}

private indirect enum PyValue {
    case none, bool(Bool), int(Int), string(String), bytes([UInt8]), tuple([PyValue]), list([PyValue])
    case dict(PyDict), global(String), dtype(PyDType), array(ArrayBuilder)

    /// Whether a dict is this value or inside it.
    var holdsDict: Bool {
        switch self {
        case .dict: return true
        case let .tuple(items), let .list(items): return items.contains(where: \.holdsDict)
        default: return false
        }
    }

    var kind: String {
        switch self {
        case .none: return "None"
        case .bool: return "a bool"
        case .int: return "an int"
        case .string: return "a string"
        case .bytes: return "bytes"
        case .tuple: return "a tuple"
        case .list: return "a list"
        case .dict: return "a dict"
        case let .global(name): return "the global \(name)"
        case .dtype: return "a dtype"
        case .array: return "an array"
        }
    }
}

private struct PickleMachine {
    let bytes: [UInt8]
    let name: String
    var position = 0
    var stack: [PyValue] = []
    var marks: [Int] = []
    var memo: [Int: PyValue] = [:]
    /// Tuples, lists and dicts built so far. A file of NumPy arrays builds a few dozen; a limit
    /// bounds how deeply values can nest, since freeing a value nested 50000 deep overflows the
    /// stack.
    var containersBuilt = 0
    static let containerLimit = 10_000

    init(bytes: [UInt8], name: String) {
        self.bytes = bytes
        self.name = name
    }

    func fail(_ problem: String) -> PickleError { PickleError(file: name, problem: problem) }

    mutating func take(_ count: Int) throws -> ArraySlice<UInt8> {
        // Compared without adding: a hostile count near Int.max must not overflow.
        guard count >= 0, count <= bytes.count - position else {
            throw fail("truncated: needed \(count) more bytes at offset \(position) of \(bytes.count)")
        }
        defer { position += count }
        return bytes[position..<(position + count)]
    }

    mutating func littleEndian(_ count: Int) throws -> UInt64 {
        try take(count).reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// A length field of `size` bytes: a length no part of this file could have is refused here,
    /// never converted to an Int that traps.
    mutating func length(_ size: Int) throws -> Int {
        let offset = position
        let value = try littleEndian(size)
        guard let length = Int(exactly: value), length <= bytes.count else {
            throw fail("a length of \(value) at offset \(offset) exceeds the file's \(bytes.count) bytes")
        }
        return length
    }

    mutating func line() throws -> String {
        guard let end = bytes[position...].firstIndex(of: 0x0A) else {
            throw fail("truncated text at offset \(position)")
        }
        defer { position = end + 1 }
        return String(decoding: bytes[position..<end], as: UTF8.self)
    }

    mutating func pop() throws -> PyValue {
        guard let value = stack.popLast() else { throw fail("stack underflow at offset \(position)") }
        return value
    }

    mutating func popToMark() throws -> [PyValue] {
        guard let mark = marks.popLast(), mark <= stack.count else { throw fail("no MARK before offset \(position)") }
        defer { stack.removeSubrange(mark...) }
        return Array(stack[mark...])
    }

    mutating func string(_ count: Int) throws -> PyValue {
        .string(String(decoding: try take(count), as: UTF8.self))
    }

    mutating func run() throws -> PyValue {
        while true {
            let opcodeOffset = position
            let opcode = try take(1).first!
            if [0x7D, 0x5D, 0x29, 0x74, 0x85, 0x86, 0x87, 0x6C, 0x61, 0x65, 0x64, 0x75, 0x73].contains(opcode) {
                containersBuilt += 1
                guard containersBuilt <= Self.containerLimit else {
                    throw fail(
                        "more than \(Self.containerLimit) tuples, lists and dicts (offset \(opcodeOffset)): not a file of NumPy arrays"
                    )
                }
            }
            switch opcode {
            case 0x80: _ = try take(1)  // PROTO
            case 0x95: _ = try take(8)  // FRAME
            case 0x2E: return try pop()  // STOP
            case 0x28: marks.append(stack.count)  // MARK
            case 0x7D: stack.append(.dict(PyDict()))  // EMPTY_DICT
            case 0x5D: stack.append(.list([]))  // EMPTY_LIST
            case 0x29: stack.append(.tuple([]))  // EMPTY_TUPLE
            case 0x4E: stack.append(.none)  // NONE
            case 0x88: stack.append(.bool(true))  // NEWTRUE
            case 0x89: stack.append(.bool(false))  // NEWFALSE
            case 0x4B: stack.append(.int(Int(try littleEndian(1))))  // BININT1
            case 0x4D: stack.append(.int(Int(try littleEndian(2))))  // BININT2
            case 0x4A: stack.append(.int(Int(Int32(truncatingIfNeeded: try littleEndian(4)))))  // BININT
            case 0x58: stack.append(try string(try length(4)))  // BINUNICODE
            case 0x8C: stack.append(try string(try length(1)))  // SHORT_BINUNICODE
            case 0x8D: stack.append(try string(try length(8)))  // BINUNICODE8
            case 0x42: stack.append(.bytes(Array(try take(try length(4)))))  // BINBYTES
            case 0x43: stack.append(.bytes(Array(try take(try length(1)))))  // SHORT_BINBYTES
            case 0x8E: stack.append(.bytes(Array(try take(try length(8)))))  // BINBYTES8
            case 0x54: stack.append(.bytes(Array(try take(try length(4)))))  // BINSTRING (py2 str)
            case 0x55: stack.append(.bytes(Array(try take(try length(1)))))  // SHORT_BINSTRING
            case 0x71: memo[Int(try littleEndian(1))] = stack.last  // BINPUT
            case 0x72: memo[Int(try littleEndian(4))] = stack.last  // LONG_BINPUT
            case 0x94: memo[memo.count] = stack.last  // MEMOIZE
            case 0x68, 0x6A:  // BINGET, LONG_BINGET
                let key = Int(try littleEndian(opcode == 0x68 ? 1 : 4))
                guard let value = memo[key] else { throw fail("memo entry \(key) is missing (offset \(opcodeOffset))") }
                stack.append(value)
            case 0x74: stack.append(.tuple(try popToMark()))  // TUPLE
            case 0x85: stack.append(.tuple([try pop()]))  // TUPLE1
            case 0x86:  // TUPLE2
                let b = try pop(), a = try pop()
                stack.append(.tuple([a, b]))
            case 0x87:  // TUPLE3
                let c = try pop(), b = try pop(), a = try pop()
                stack.append(.tuple([a, b, c]))
            case 0x6C: stack.append(.list(try popToMark()))  // LIST
            case 0x61, 0x65:  // APPEND, APPENDS
                let items = opcode == 0x61 ? [try pop()] : try popToMark()
                guard case let .list(list) = try pop() else {
                    throw fail("APPEND to a non-list at offset \(opcodeOffset)")
                }
                stack.append(.list(list + items))
            case 0x64, 0x75, 0x73:  // DICT, SETITEMS, SETITEM
                let items = opcode == 0x73 ? [try pop(), try pop()].reversed() : try popToMark()
                guard items.count % 2 == 0 else { throw fail("odd number of dict items at offset \(opcodeOffset)") }
                let dict: PyDict
                if opcode == 0x64 {
                    dict = PyDict()
                } else {
                    guard case let .dict(target)? = stack.last else {
                        throw fail("SETITEMS on a non-dict at offset \(opcodeOffset)")
                    }
                    dict = target
                }
                // A dict of arrays holds no dict: refusing one also rules out a dict that holds itself,
                // a cycle of references that would never be freed.
                if items.contains(where: \.holdsDict) { throw fail("a dict inside a dict at offset \(opcodeOffset)") }
                for i in stride(from: 0, to: items.count, by: 2) { dict.entries.append((items[i], items[i + 1])) }
                if opcode == 0x64 { stack.append(.dict(dict)) }
            case 0x63:  // GLOBAL
                let module = try line(), attribute = try line()
                stack.append(.global("\(module) \(attribute)"))
            case 0x93:  // STACK_GLOBAL
                guard case let .string(attribute) = try pop(), case let .string(module) = try pop() else {
                    throw fail("STACK_GLOBAL without two strings at offset \(opcodeOffset)")
                }
                stack.append(.global("\(module) \(attribute)"))
            case 0x52:  // REDUCE
                let arguments = try pop(), callable = try pop()
                stack.append(try reduce(callable, arguments, at: opcodeOffset))
            case 0x62:  // BUILD
                let state = try pop()
                guard let target = stack.last else { throw fail("BUILD with an empty stack at offset \(opcodeOffset)") }
                try build(target, with: state, at: opcodeOffset)
            default:
                throw fail(
                    String(
                        format: "unsupported pickle opcode 0x%02X at offset %d (only dicts of NumPy arrays are read)",
                        opcode, opcodeOffset))
            }
        }
    }

    func reduce(_ callable: PyValue, _ arguments: PyValue, at offset: Int) throws -> PyValue {
        guard case let .global(name) = callable, case let .tuple(args) = arguments else {
            throw fail("REDUCE of \(callable.kind) at offset \(offset)")
        }
        switch name {
        case "numpy.core.multiarray _reconstruct", "numpy._core.multiarray _reconstruct":
            return .array(ArrayBuilder())
        case "numpy dtype":
            guard case let .string(code)? = args.first else {
                throw fail("numpy.dtype without a type code at offset \(offset)")
            }
            return .dtype(PyDType(code: code))
        default:
            throw fail(
                "refusing to call \(name.replacingOccurrences(of: " ", with: ".")) (offset \(offset)): only NumPy arrays are read"
            )
        }
    }

    func build(_ target: PyValue, with state: PyValue, at offset: Int) throws {
        switch (target, state) {
        case let (.dtype(dtype), .tuple(fields)):
            if fields.count > 1, case let .string(order) = fields[1] { dtype.byteOrder = order }
        case let (.array(builder), .tuple(fields)):
            guard fields.count == 5, case let .tuple(shapeValues) = fields[1], case let .dtype(dtype) = fields[2],
                case let .bool(fortran) = fields[3], case let .bytes(raw) = fields[4]
            else {
                throw fail("an array's state is not (version, shape, dtype, fortran, data) at offset \(offset)")
            }
            let shape = try shapeValues.map { value -> Int in
                guard case let .int(n) = value, n >= 0 else { throw fail("bad array shape at offset \(offset)") }
                return n
            }
            builder.array = try decode(raw, shape: shape, dtype: dtype, fortran: fortran, at: offset)
        default:
            throw fail("BUILD of \(target.kind) with \(state.kind) at offset \(offset)")
        }
    }

    func decode(_ raw: [UInt8], shape: [Int], dtype: PyDType, fortran: Bool, at offset: Int) throws -> NumPyArray {
        // A hostile shape can multiply past Int.max: refused, never trapped on.
        var count = 1
        for size in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            guard !overflow else {
                throw fail("array shape \(shape) has more elements than any file holds (offset \(offset))")
            }
            count = product
        }
        guard dtype.byteOrder != ">" else { throw fail("big-endian arrays are not supported (offset \(offset))") }
        let width: Int
        switch dtype.code {
        case "f4": width = 4
        case "f8": width = 8
        default: throw fail("array type \(dtype.code) is not supported; only float32 and float64 (offset \(offset))")
        }
        let (needed, overflow) = count.multipliedReportingOverflow(by: width)
        guard !overflow, raw.count == needed else {
            throw fail(
                "array of shape \(shape) needs \(overflow ? "more than \(Int.max)" : "\(needed)") bytes, found \(raw.count) (offset \(offset))"
            )
        }
        var values = [Double](repeating: 0, count: count)
        for i in 0..<count {
            var bits: UInt64 = 0
            for b in (0..<width).reversed() { bits = bits << 8 | UInt64(raw[i * width + b]) }
            values[i] = width == 4 ? Double(Float(bitPattern: UInt32(bits))) : Double(bitPattern: bits)
        }
        if fortran && shape.count == 2 {
            // Column-major storage: transpose into the row-major order Matrix uses.
            let (rows, cols) = (shape[0], shape[1])
            values = (0..<(rows * cols)).map { values[($0 % cols) * rows + $0 / cols] }
        }
        return NumPyArray(shape: shape, values: values, dtype: dtype.byteOrder + dtype.code)
    }
}
