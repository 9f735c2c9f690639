/// The named classes of RE2 syntax: Perl (`\d`), POSIX (`[:alpha:]`) and Unicode (`\pL`).
enum RE2UnicodeTables {
    /// `\d \s \w` by their letter.
    static func perlClass(_ letter: UInt32) -> RE2CharClass? {
        switch letter {
        case 0x64: return RE2CharClass(ranges: [(0x30, 0x39)])  // d
        case 0x73: return RE2CharClass(ranges: [(0x09, 0x0A), (0x0C, 0x0D), (0x20, 0x20)])  // s
        case 0x77: return word  // w
        default: return nil
        }
    }

    static let word = RE2CharClass(ranges: [(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)])

    /// `[:name:]` classes (ASCII only, as in RE2).
    static func posixClass(_ name: String) -> RE2CharClass? {
        switch name {
        case "alnum": return RE2CharClass(ranges: [(0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A)])
        case "alpha": return RE2CharClass(ranges: [(0x41, 0x5A), (0x61, 0x7A)])
        case "ascii": return RE2CharClass(ranges: [(0x00, 0x7F)])
        case "blank": return RE2CharClass(ranges: [(0x09, 0x09), (0x20, 0x20)])
        case "cntrl": return RE2CharClass(ranges: [(0x00, 0x1F), (0x7F, 0x7F)])
        case "digit": return RE2CharClass(ranges: [(0x30, 0x39)])
        case "graph": return RE2CharClass(ranges: [(0x21, 0x7E)])
        case "lower": return RE2CharClass(ranges: [(0x61, 0x7A)])
        case "print": return RE2CharClass(ranges: [(0x20, 0x7E)])
        case "punct": return RE2CharClass(ranges: [(0x21, 0x2F), (0x3A, 0x40), (0x5B, 0x60), (0x7B, 0x7E)])
        case "space": return RE2CharClass(ranges: [(0x09, 0x0D), (0x20, 0x20)])
        case "upper": return RE2CharClass(ranges: [(0x41, 0x5A)])
        case "word": return word
        case "xdigit": return RE2CharClass(ranges: [(0x30, 0x39), (0x41, 0x46), (0x61, 0x66)])
        default: return nil
        }
    }

    /// A general category (`L`, `Lu`, …), a script (`Greek`) or `Any`; nil for unknown names.
    static func unicodeClass(_ name: String) -> RE2CharClass? {
        if name == "Any" { return .any }
        // Scripts first: general categories need a one-time scan of all scalars.
        if let ranges = RE2ScriptTable.ranges(of: name) {
            var result = RE2CharClass()
            var i = 0
            while i + 1 < ranges.count {
                result.add(ranges[i], ranges[i + 1])
                i += 2
            }
            result.normalize()
            return result
        }
        return categories[name]
    }

    /// General categories by two-letter code, plus the one-letter unions (C excludes Cn, as in Go).
    private static let categories: [String: RE2CharClass] = buildCategories()

    private static func code(_ category: Unicode.GeneralCategory) -> String {
        switch category {
        case .uppercaseLetter: return "Lu"
        case .lowercaseLetter: return "Ll"
        case .titlecaseLetter: return "Lt"
        case .modifierLetter: return "Lm"
        case .otherLetter: return "Lo"
        case .nonspacingMark: return "Mn"
        case .spacingMark: return "Mc"
        case .enclosingMark: return "Me"
        case .decimalNumber: return "Nd"
        case .letterNumber: return "Nl"
        case .otherNumber: return "No"
        case .connectorPunctuation: return "Pc"
        case .dashPunctuation: return "Pd"
        case .openPunctuation: return "Ps"
        case .closePunctuation: return "Pe"
        case .initialPunctuation: return "Pi"
        case .finalPunctuation: return "Pf"
        case .otherPunctuation: return "Po"
        case .mathSymbol: return "Sm"
        case .currencySymbol: return "Sc"
        case .modifierSymbol: return "Sk"
        case .otherSymbol: return "So"
        case .spaceSeparator: return "Zs"
        case .lineSeparator: return "Zl"
        case .paragraphSeparator: return "Zp"
        case .control: return "Cc"
        case .format: return "Cf"
        case .surrogate: return "Cs"
        case .privateUse: return "Co"
        case .unassigned: return "Cn"
        @unknown default: return "Cn"
        }
    }

    private static func buildCategories() -> [String: RE2CharClass] {
        var classes: [String: RE2CharClass] = [:]
        var runCode = ""
        var runStart: UInt32 = 0
        func flush(_ end: UInt32) {
            if !runCode.isEmpty && runCode != "Cn" { classes[runCode, default: RE2CharClass()].add(runStart, end) }
        }
        var v: UInt32 = 0
        while v <= RE2CharClass.maxScalar {
            // Planes 4 to 13 hold no assigned code points.
            if v == 0x40000 {
                flush(v - 1)
                runCode = "Cn"
                runStart = v
                v = 0xE0000
                continue
            }
            let c = Unicode.Scalar(v).map { code($0.properties.generalCategory) } ?? "Cs"
            if c != runCode {
                if v > 0 { flush(v - 1) }
                runCode = c
                runStart = v
            }
            v += 1
        }
        flush(RE2CharClass.maxScalar)
        let groups: [String: [String]] = [
            "L": ["Lu", "Ll", "Lt", "Lm", "Lo"], "M": ["Mn", "Mc", "Me"],
            "N": ["Nd", "Nl", "No"], "P": ["Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po"],
            "S": ["Sm", "Sc", "Sk", "So"], "Z": ["Zs", "Zl", "Zp"], "C": ["Cc", "Cf", "Cs", "Co"],
        ]
        for (name, members) in groups {
            var union = RE2CharClass()
            for m in members { if let c = classes[m] { union.add(c) } }
            classes[name] = union
        }
        for key in Array(classes.keys) { classes[key]?.normalize() }
        return classes
    }
}
