#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Bounds the machine stack used by the recursive phases (parse, compile, evaluate): hostile
/// nesting ends with an error instead of overflowing the stack, whatever the thread's stack
/// size (8 MB main thread, 512 KB secondary threads) and build (debug frames are large).
struct StackGuard: Sendable {
    /// The lowest stack address the phases may reach (the stack grows downward).
    let limit: UInt

    /// Stack kept free below the limit for the code between two checks and for callees.
    static let reserve: UInt = 128 * 1024

    init() { limit = ThreadStack.limit() }

    @inline(__always)
    static func address() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }

    /// True when the current frame is below the limit.
    @inline(__always)
    var exhausted: Bool { StackGuard.address() < limit }
}

#if canImport(Glibc)
    /// glibc's `pthread_getattr_np` (not exported by the Glibc module); pointer arguments and
    /// an `int` result, so the Swift and C calling conventions agree.
    @_silgen_name("pthread_getattr_np")
    private func pthreadGetattrNP(_ thread: pthread_t, _ attr: UnsafeMutablePointer<pthread_attr_t>) -> Int32
#endif

/// The per-thread stack limit, computed once per thread and cached in thread-local storage.
enum ThreadStack {
    static let key: pthread_key_t = {
        var k = pthread_key_t()
        pthread_key_create(&k, nil)
        return k
    }()

    static func limit() -> UInt {
        if let cached = pthread_getspecific(key) { return UInt(bitPattern: cached) }
        let here = StackGuard.address()
        var low: UInt = here > 256 * 1024 ? here - 256 * 1024 : 0
        #if canImport(Glibc)
            var attr = pthread_attr_t()
            if pthreadGetattrNP(pthread_self(), &attr) == 0 {
                var addr: UnsafeMutableRawPointer?
                var size = 0
                if pthread_attr_getstack(&attr, &addr, &size) == 0, let addr, size > 0, UInt(bitPattern: addr) < here {
                    low = UInt(bitPattern: addr)
                }
                pthread_attr_destroy(&attr)
            }
        #elseif canImport(Darwin)
            let top = UInt(bitPattern: pthread_get_stackaddr_np(pthread_self()))
            let size = UInt(pthread_get_stacksize_np(pthread_self()))
            if top > size && top - size < here { low = top - size }
        #endif
        let value = low + StackGuard.reserve
        pthread_setspecific(key, UnsafeRawPointer(bitPattern: value))
        return value
    }
}
