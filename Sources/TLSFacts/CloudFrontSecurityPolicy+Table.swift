extension CloudFrontSecurityPolicy {
    // Source: CloudFront Developer Guide, "Supported protocols and ciphers between viewers and
    // CloudFront" (docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/
    // secure-connections-supported-viewer-protocols-ciphers.html), the nine-column table
    // SSLv3 … TLSv1.3_2025. Rows of that table the flags come from:
    //   minVersion     the "Supported SSL/TLS protocols" rows: TLSv1.2 in all but TLSv1.3_2025,
    //                  TLSv1.1 in the first four, TLSv1 in the first three, SSLv3 in SSLv3 only.
    //   cbc            ECDHE-ECDSA-AES128-SHA256 / ECDHE-RSA-AES128-SHA256: SSLv3 … TLSv1.2_2019.
    //   sha1           ECDHE-*-AES128-SHA, ECDHE-*-AES256-SHA, AES128-SHA, AES256-SHA: SSLv3 … TLSv1.1_2016.
    //   staticRSA      AES128-GCM-SHA256, AES256-GCM-SHA384, AES128-SHA256: SSLv3 … TLSv1.2_2018.
    //   legacyCiphers  DES-CBC3-SHA: SSLv3, TLSv1; RC4-MD5: SSLv3 (the RSA rows as in the 2019
    //                  six-column edition of the same page).
    // TLSv1.2_2021 and TLSv1.2_2025 offer only ECDHE with AES-GCM (and ChaCha20-Poly1305 in
    // 2021); TLSv1.3_2025 is TLS 1.3 only.

    /// Every viewer security policy CloudFront offers, oldest first.
    public static let all: [CloudFrontSecurityPolicy] = [
        .init(name: "SSLv3", minVersion: .sslv3, cbc: true, sha1: true, staticRSA: true, legacyCiphers: true, source: "AWS CloudFront viewer table"),
        .init(name: "TLSv1", minVersion: .tls1_0, cbc: true, sha1: true, staticRSA: true, legacyCiphers: true, source: "AWS CloudFront viewer table"),
        .init(name: "TLSv1_2016", minVersion: .tls1_0, cbc: true, sha1: true, staticRSA: true, source: "AWS CloudFront viewer table"),
        .init(name: "TLSv1.1_2016", minVersion: .tls1_1, cbc: true, sha1: true, staticRSA: true, source: "AWS CloudFront viewer table"),
        .init(name: "TLSv1.2_2018", minVersion: .tls1_2, cbc: true, sha1: false, staticRSA: true, source: "AWS CloudFront viewer table"),
        .init(name: "TLSv1.2_2019", minVersion: .tls1_2, cbc: true, sha1: false, staticRSA: false, source: "AWS CloudFront viewer table"),
        .init(name: "TLSv1.2_2021", minVersion: .tls1_2, cbc: false, sha1: false, staticRSA: false, source: "AWS CloudFront viewer table"),
        .init(name: "TLSv1.2_2025", minVersion: .tls1_2, cbc: false, sha1: false, staticRSA: false, source: "AWS CloudFront viewer table"),
        .init(name: "TLSv1.3_2025", minVersion: .tls1_3, cbc: false, sha1: false, staticRSA: false, source: "AWS CloudFront viewer table"),
    ]
}
