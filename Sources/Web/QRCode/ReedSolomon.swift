/// Reed–Solomon error correction codewords as QR Code uses them (ISO/IEC 18004:2015, 7.5.2): arithmetic in
/// GF(2⁸) modulo the primitive polynomial x⁸ + x⁴ + x³ + x² + 1 (0x11D), with the generator polynomial
/// (x − α⁰)(x − α¹)…(x − αⁿ⁻¹) for n error correction codewords.
enum ReedSolomon {
    /// αⁱ for i in 0..<255, and again for 255..<510 so that a product needs no modulo.
    private static let exponents: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 510)
        var value = 1
        for index in 0..<255 {
            table[index] = UInt8(value)
            table[index + 255] = UInt8(value)
            value <<= 1
            if value & 0x100 != 0 { value ^= 0x11D }
        }
        return table
    }()

    /// log_α(x) for x in 1...255 (index 0 is unused).
    private static let logarithms: [Int] = {
        var table = [Int](repeating: 0, count: 256)
        for index in 0..<255 { table[Int(exponents[index])] = index }
        return table
    }()

    /// The product of two field elements.
    static func multiply(_ left: UInt8, _ right: UInt8) -> UInt8 {
        guard left != 0, right != 0 else { return 0 }
        return exponents[logarithms[Int(left)] + logarithms[Int(right)]]
    }

    /// The generator polynomial of the given degree, highest power first, without its leading coefficient 1.
    static func generator(degree: Int) -> [UInt8] {
        // Start from the polynomial 1 and multiply by (x − αⁱ) for each i; in GF(2⁸) subtraction is XOR.
        var coefficients = [UInt8](repeating: 0, count: degree)
        coefficients[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for index in 0..<degree {
                coefficients[index] = multiply(coefficients[index], root)
                if index + 1 < degree { coefficients[index] ^= coefficients[index + 1] }
            }
            root = multiply(root, 2)
        }
        return coefficients
    }

    /// The error correction codewords of one block: the remainder of data(x)·xⁿ divided by the generator.
    /// - Parameters:
    ///   - data: the block's data codewords.
    ///   - generator: the generator polynomial from ``generator(degree:)``.
    /// - Returns: `generator.count` codewords.
    static func remainder(of data: [UInt8], generator: [UInt8]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: generator.count)
        for byte in data {
            let factor = byte ^ result[0]
            result.removeFirst()
            result.append(0)
            for index in result.indices { result[index] ^= multiply(generator[index], factor) }
        }
        return result
    }
}
