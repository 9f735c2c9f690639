/// Runs an ``RE2Program`` over a scalar array by simulating all NFA threads in lock step (a Pike
/// VM): time is linear in input length × program size, with leftmost-first priorities as in Go.
///
/// All memory is allocated up front, sized to the program, and reused across searches.
final class RE2PikeVM {
    /// The threads at one input position, as a sparse set of instruction indices in priority order.
    private struct Queue {
        var sparse: UnsafeMutablePointer<Int32>
        var dense: UnsafeMutablePointer<Int32>
        /// Offset of the thread's captures in `caps`, or -1 for an instruction that holds no thread.
        var capOffset: UnsafeMutablePointer<Int32>
        /// Capture slots of the threads, `ncap` per thread; grown on demand.
        var caps: UnsafeMutablePointer<Int>
        var capCapacity: Int
        var count = 0
        var capCount = 0

        init(instCount: Int, capCapacity: Int) {
            sparse = .allocate(capacity: instCount)
            sparse.initialize(repeating: 0, count: instCount)
            dense = .allocate(capacity: instCount)
            capOffset = .allocate(capacity: instCount)
            self.capCapacity = max(1, capCapacity)
            caps = .allocate(capacity: self.capCapacity)
        }

        mutating func reserveCaps(_ needed: Int) {
            guard needed > capCapacity else { return }
            let grown = max(needed, 2 * capCapacity)
            let fresh = UnsafeMutablePointer<Int>.allocate(capacity: grown)
            fresh.update(from: caps, count: capCount)
            caps.deallocate()
            caps = fresh
            capCapacity = grown
        }

        func deallocate() {
            sparse.deallocate()
            dense.deallocate()
            capOffset.deallocate()
            caps.deallocate()
        }

        @inline(__always)
        func contains(_ pc: Int32) -> Bool {
            let i = Int(sparse[Int(pc)])
            return i < count && dense[i] == pc
        }
    }

    private let program: RE2Program
    private let insts: UnsafeMutablePointer<RE2Program.Inst>
    private let instCount: Int
    private let input: UnsafeMutablePointer<UInt32>
    private let inputCount: Int
    /// All classes' bounds back to back; class `i` is `classStart[i]..<classStart[i + 1]`.
    private let classBounds: UnsafeMutablePointer<UInt32>
    private let classStart: UnsafeMutablePointer<Int>
    /// Capture slots tracked: 0 when only asking whether there is a match.
    private let ncap: Int
    /// The two queues' storage; searches work on local copies so that the hot loop touches no
    /// mutable class state.
    private var queueA: Queue
    private var queueB: Queue
    private let stackPC: UnsafeMutablePointer<Int32>
    private let stackValue: UnsafeMutablePointer<Int>
    private let work: UnsafeMutablePointer<Int>
    /// The captures of the best match so far (valid when `matched`).
    private(set) var matchCaps: [Int]

    init(program: RE2Program, input: [UInt32], captures: Bool) {
        self.program = program
        inputCount = input.count
        self.input = .allocate(capacity: max(1, input.count))
        _ = UnsafeMutableBufferPointer(start: self.input, count: input.count).initialize(from: input)
        let flattened = program.classes.flatMap { $0 }
        classBounds = .allocate(capacity: max(1, flattened.count))
        _ = UnsafeMutableBufferPointer(start: classBounds, count: flattened.count).initialize(from: flattened)
        classStart = .allocate(capacity: program.classes.count + 1)
        var offset = 0
        for (i, bounds) in program.classes.enumerated() {
            classStart[i] = offset
            offset += bounds.count
        }
        classStart[program.classes.count] = offset
        instCount = program.insts.count
        insts = .allocate(capacity: instCount)
        _ = UnsafeMutableBufferPointer(start: insts, count: instCount).initialize(from: program.insts)
        ncap = captures ? 2 * program.groupCount : 0
        // Most steps hold few threads: start small rather than at the worst case.
        let capCapacity = min(program.threadInstCount, 16) * ncap
        queueA = Queue(instCount: instCount, capCapacity: capCapacity)
        queueB = Queue(instCount: instCount, capCapacity: capCapacity)
        let stackSize = 3 * instCount + 4
        stackPC = .allocate(capacity: stackSize)
        stackValue = .allocate(capacity: stackSize)
        work = .allocate(capacity: max(1, ncap))
        matchCaps = Array(repeating: -1, count: ncap)
    }

    deinit {
        input.deallocate()
        classBounds.deallocate()
        classStart.deallocate()
        insts.deallocate()
        queueA.deallocate()
        queueB.deallocate()
        stackPC.deallocate()
        stackValue.deallocate()
        work.deallocate()
    }

    @inline(__always)
    private static func isWord(_ c: UInt32) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
    }

    /// The ``RE2EmptyWidth`` bits that hold at `pos`.
    @inline(__always)
    private func emptyFlags(at pos: Int) -> Int32 {
        var flags: UInt8 = 0
        var wordBefore = false
        var wordAfter = false
        if pos == 0 {
            flags |= RE2EmptyWidth.beginText.rawValue | RE2EmptyWidth.beginLine.rawValue
        } else {
            let before = input[pos - 1]
            if before == 0x0A { flags |= RE2EmptyWidth.beginLine.rawValue }
            wordBefore = Self.isWord(before)
        }
        if pos >= inputCount {
            flags |= RE2EmptyWidth.endText.rawValue | RE2EmptyWidth.endLine.rawValue
        } else {
            let after = input[pos]
            if after == 0x0A { flags |= RE2EmptyWidth.endLine.rawValue }
            wordAfter = Self.isWord(after)
        }
        flags |= wordBefore != wordAfter ? RE2EmptyWidth.wordBoundary.rawValue : RE2EmptyWidth.noWordBoundary.rawValue
        return Int32(flags)
    }

    /// Adds the thread at `pc0` (captures in `work`) and everything reachable from it without
    /// consuming input to `q`, in priority order. `work` is left as it was.
    private func add(_ q: inout Queue, _ pc0: Int32, at pos: Int, flags: Int32) {
        var sp = 0
        stackPC[0] = pc0
        sp = 1
        while sp > 0 {
            sp -= 1
            let entry = stackPC[sp]
            if entry < 0 {
                work[Int(-entry - 1)] = stackValue[sp]
                continue
            }
            let pc = entry
            if q.contains(pc) { continue }
            let j = q.count
            q.sparse[Int(pc)] = Int32(j)
            q.dense[j] = pc
            q.capOffset[j] = -1
            q.count += 1
            let inst = insts[Int(pc)]
            switch inst.op {
            case .fail:
                break
            case .nop:
                stackPC[sp] = inst.out
                sp += 1
            case .alt:
                stackPC[sp] = inst.arg
                stackPC[sp + 1] = inst.out
                sp += 2
            case .capture:
                let slot = Int(inst.arg)
                if slot < ncap {
                    stackPC[sp] = Int32(-slot - 1)
                    stackValue[sp] = work[slot]
                    sp += 1
                    work[slot] = pos
                }
                stackPC[sp] = inst.out
                sp += 1
            case .empty:
                if inst.arg & ~flags == 0 {
                    stackPC[sp] = inst.out
                    sp += 1
                }
            case .match, .rune1, .runeClass:
                q.capOffset[j] = Int32(q.capCount)
                if ncap > 0 {
                    q.reserveCaps(q.capCount + ncap)
                    (q.caps + q.capCount).update(from: work, count: ncap)
                    q.capCount += ncap
                }
            }
        }
    }

    /// Advances every thread of `clist` over the scalar at `pos` into `nlist`; true when a
    /// thread matched (the lower-priority threads after it are dropped).
    private func step(_ clist: inout Queue, _ nlist: inout Queue, at pos: Int) -> Bool {
        let c: UInt32? = pos < inputCount ? input[pos] : nil
        var nextFlags: Int32 = -1
        var j = 0
        while j < clist.count {
            let offset = Int(clist.capOffset[j])
            let pc = clist.dense[j]
            j += 1
            if offset < 0 { continue }
            let inst = insts[Int(pc)]
            let advances: Bool
            switch inst.op {
            case .match:
                if ncap > 0 {
                    for k in 0..<ncap { matchCaps[k] = clist.caps[offset + k] }
                    matchCaps[1] = pos
                }
                // Leftmost-first: the threads after this one have lower priority.
                return true
            case .rune1:
                advances = c == UInt32(bitPattern: inst.arg)
            case .runeClass:
                if let c {
                    let lo = classStart[Int(inst.arg)]
                    advances = containsScalar(c, classBounds + lo, classStart[Int(inst.arg) + 1] - lo)
                } else {
                    advances = false
                }
            default:
                advances = false
            }
            if advances {
                if ncap > 0 { work.update(from: clist.caps + offset, count: ncap) }
                if nextFlags < 0 { nextFlags = emptyFlags(at: pos + 1) }
                add(&nlist, inst.out, at: pos + 1, flags: nextFlags)
            }
        }
        return false
    }

    @inline(__always)
    private func containsScalar(_ c: UInt32, _ bounds: UnsafePointer<UInt32>, _ count: Int) -> Bool {
        let pairs = count / 2
        if pairs <= 4 {
            var i = 0
            while i < count {
                if c < bounds[i] { return false }
                if c <= bounds[i + 1] { return true }
                i += 2
            }
            return false
        }
        var lo = 0
        var hi = pairs
        while lo < hi {
            let mid = (lo + hi) >> 1
            if c < bounds[2 * mid] {
                hi = mid
            } else if c > bounds[2 * mid + 1] {
                lo = mid + 1
            } else {
                return true
            }
        }
        return false
    }

    /// Searches for the leftmost-first match starting at or after `start`; on success the match
    /// (and, with captures, its groups) is in ``matchCaps``.
    func search(from start: Int) -> Bool {
        var clist = queueA
        var nlist = queueB
        defer {
            // Keep grown capture storage for the next search (and for deinit to free).
            clist.count = 0
            clist.capCount = 0
            nlist.count = 0
            nlist.capCount = 0
            queueA = clist
            queueB = nlist
        }
        var matched = false
        for k in 0..<ncap { matchCaps[k] = -1 }
        var pos = start
        while true {
            if clist.count == 0 {
                if matched { break }
                if program.anchoredStart && pos != 0 { break }
                if let first = program.firstScalars {
                    // No thread alive: skip to the next scalar a match can start with.
                    let found = first.withUnsafeBufferPointer { bounds in
                        while pos < inputCount, let base = bounds.baseAddress, !containsScalar(input[pos], base, bounds.count) {
                            pos += 1
                        }
                        return pos < inputCount
                    }
                    if !found { break }
                }
            }
            if !matched && (pos == 0 || !program.anchoredStart) {
                if ncap > 0 {
                    work.update(repeating: -1, count: ncap)
                    work[0] = pos
                }
                add(&clist, program.start, at: pos, flags: emptyFlags(at: pos))
            }
            if step(&clist, &nlist, at: pos) {
                matched = true
                if ncap == 0 { return true }
            }
            if pos >= inputCount { break }
            pos += 1
            swap(&clist, &nlist)
            nlist.count = 0
            nlist.capCount = 0
        }
        return matched
    }
}
