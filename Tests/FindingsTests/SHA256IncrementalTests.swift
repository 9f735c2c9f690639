import Findings
import Testing

@Test(arguments: [1, 3, 63, 64, 65, 127, 1000])
func sha256GivesTheSameDigestWhenFedInPieces(_ piece: Int) {
    let message = (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    var hasher = SHA256()
    var offset = 0
    while offset < message.count {
        let end = min(offset + piece, message.count)
        hasher.update(message[offset..<end])
        offset = end
    }
    var whole = SHA256()
    whole.update(message)
    #expect(hasher.finalize() == whole.finalize())
    #expect(SHA256.hex(message.lazy.map { $0 }) == SHA256.hex(message))
}
