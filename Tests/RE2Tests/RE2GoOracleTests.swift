import Foundation
import Testing

@testable import CEL

/// Compares the engine with Go's `regexp` on a file of cases, when `RE2_GO_ORACLE` names one.
///
/// The file holds one JSON object per line, `{"p": pattern, "s": input, "err": message?,
/// "first": [offsets]?, "all": [[offsets]]}`, offsets in runes as in `RE2MatchTests`. It is
/// made by piping `{"p":…,"s":…}` lines through this Go program (any Go toolchain,
/// `apt-get install golang-go`):
///
/// ```go
/// package main
///
/// import ("bufio"; "encoding/json"; "os"; "regexp"; "unicode/utf8")
///
/// type out struct {
///     P     string  `json:"p"`
///     S     string  `json:"s"`
///     Err   string  `json:"err,omitempty"`
///     First []int   `json:"first"`
///     All   [][]int `json:"all"`
/// }
///
/// func runes(s string, offs []int) []int {
///     if offs == nil { return nil }
///     r := make([]int, len(offs))
///     for i, o := range offs {
///         if o < 0 { r[i] = -1 } else { r[i] = utf8.RuneCountInString(s[:o]) }
///     }
///     return r
/// }
///
/// func main() {
///     sc := bufio.NewScanner(os.Stdin)
///     sc.Buffer(make([]byte, 1<<20), 1<<26)
///     w := bufio.NewWriter(os.Stdout)
///     defer w.Flush()
///     for sc.Scan() {
///         var c struct{ P, S string }
///         if err := json.Unmarshal(sc.Bytes(), &c); err != nil { panic(err) }
///         o := out{P: c.P, S: c.S}
///         if re, err := regexp.Compile(c.P); err != nil {
///             o.Err = err.Error()
///         } else {
///             o.First = runes(c.S, re.FindStringSubmatchIndex(c.S))
///             o.All = [][]int{}
///             for _, m := range re.FindAllStringSubmatchIndex(c.S, -1) { o.All = append(o.All, runes(c.S, m)) }
///         }
///         json.NewEncoder(w).Encode(o)
///     }
/// }
/// ```
///
/// Go's own `src/regexp/testdata/re2-search.txt` and `re2-exhaustive.txt.bz2` make good inputs.
/// Known, deliberate difference: duplicate group names, which Go 1.19 accepts and RE2 rejects.
@Test(.enabled(if: ProcessInfo.processInfo.environment["RE2_GO_ORACLE"] != nil))
func agreesWithGoOracleFile() throws {
    struct OracleCase: Decodable {
        var p: String
        var s: String
        var err: String?
        var first: [Int]?
        var all: [[Int]]?
    }
    let path = ProcessInfo.processInfo.environment["RE2_GO_ORACLE"] ?? ""
    let text = try String(contentsOfFile: path, encoding: .utf8)
    for line in text.split(separator: "\n") {
        let c = try JSONDecoder().decode(OracleCase.self, from: Data(line.utf8))
        let re: RE2Regex
        do {
            re = try RE2Regex(c.p)
        } catch {
            // RE2 rejects duplicate group names; Go 1.19 accepts them.
            if !error.message.hasPrefix("duplicate capture group name") {
                #expect(c.err != nil, "rejected \(c.p.debugDescription) (\(error)); Go accepts it")
            }
            continue
        }
        guard c.err == nil else {
            Issue.record("accepted \(c.p.debugDescription); Go: \(c.err ?? "")")
            continue
        }
        #expect(re.firstMatch(in: c.s).map { offsets($0, in: c.s) } == c.first, "\(c.p.debugDescription) on \(c.s.debugDescription)")
        #expect(re.allMatches(in: c.s).map { offsets($0, in: c.s) } == c.all ?? [], "\(c.p.debugDescription) on \(c.s.debugDescription)")
    }
}
