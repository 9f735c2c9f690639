import Foundation
import Graph

extension DiskSourceProvider {
    /// What a `DiskSourceProvider` has read during one run, shared between concurrent parsers.
    ///
    /// Files stay in memory up to `byteBudget` in total; beyond it they are read again each time.
    final class Cache: @unchecked Sendable {
        /// A looked-up file: nil when it could not be read.
        struct Known {
            var file: SourceFile?
        }

        /// At most this many bytes of file content are kept.
        static let byteBudget = 256 << 20

        private let lock = NSLock()
        private var files: [String: (file: SourceFile?, maxFileSize: Int)] = [:]
        private var globs: [String: [String]] = [:]
        private var bytesKept = 0

        /// The remembered outcome of reading `path` with the same size limit, if any.
        func file(at path: String, maxFileSize: Int) -> Known? {
            lock.lock()
            defer { lock.unlock() }
            guard let entry = files[path], entry.maxFileSize == maxFileSize else { return nil }
            return Known(file: entry.file)
        }

        /// Remembers the outcome of reading `path`.
        func remember(_ file: SourceFile?, at path: String, maxFileSize: Int) {
            lock.lock()
            defer { lock.unlock() }
            let size = file?.bytes.count ?? 0
            guard bytesKept + size <= Cache.byteBudget else { return }
            if files.updateValue((file, maxFileSize), forKey: path) == nil { bytesKept += size }
        }

        /// The remembered matches of a glob pattern, if any.
        func glob(_ pattern: String) -> [String]? {
            lock.lock()
            defer { lock.unlock() }
            return globs[pattern]
        }

        /// Remembers the matches of a glob pattern.
        func remember(glob matches: [String], for pattern: String) {
            lock.lock()
            defer { lock.unlock() }
            globs[pattern] = matches
        }
    }
}
