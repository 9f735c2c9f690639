extension ELBSecurityPolicy {
    // Sources (abbreviated in `source`):
    //   "AWS ALB table"   docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
    //   "AWS NLB table"   docs.aws.amazon.com/elasticloadbalancing/latest/network/describe-ssl-policies.html
    //   "AWS FS table"    same ALB page, forward-secrecy policies section
    //   "AWS FIPS table"  same ALB page, FIPS policies section
    //   "AWS CLB table"   docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-security-policy-table.html
    //   "AWS CLB 2015"    the 2015 copy of the Classic table (ElasticLoadBalancing/latest/DeveloperGuide/
    //                     elb-security-policy-table.html), columns 2015-05 … 2011-08 with SSLv3 row
    //   "s2n-tls"         aws/s2n-tls tls/s2n_security_policies.c (minimum_protocol_version)
    //   "Datadog"         docs.datadoghq.com rule "Load Balancers should use the latest security
    //                     policy" (lists the eleven 2025-09 PQ policies)
    //   "name pattern"    not in a table we saw; inferred from the `1-X` segment (tls-facts.md §1.2,
    //                     marked "verify" there). Such rows say so.

    /// Every predefined policy this table knows, newest families first.
    public static let all: [ELBSecurityPolicy] = [
        // TLS 1.3 policies (2021-06).
        .init(name: "ELBSecurityPolicy-TLS13-1-3-2021-06", minVersion: .tls1_3, supportsTLS13: true, source: "AWS ALB table"),
        .init(name: "ELBSecurityPolicy-TLS13-1-2-2021-06", minVersion: .tls1_2, supportsTLS13: true, source: "AWS ALB table"),
        .init(name: "ELBSecurityPolicy-TLS13-1-2-Res-2021-06", minVersion: .tls1_2, supportsTLS13: true, source: "AWS ALB table"),
        .init(name: "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06", minVersion: .tls1_2, supportsTLS13: true, source: "AWS ALB table"),
        .init(name: "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06", minVersion: .tls1_2, supportsTLS13: true, source: "AWS ALB table"),
        .init(name: "ELBSecurityPolicy-TLS13-1-1-2021-06", minVersion: .tls1_1, supportsTLS13: true, source: "AWS ALB table"),
        .init(name: "ELBSecurityPolicy-TLS13-1-0-2021-06", minVersion: .tls1_0, supportsTLS13: true, source: "AWS ALB table"),

        // TLS 1.2-and-older policies offered by ALB, NLB and Classic.
        .init(name: "ELBSecurityPolicy-TLS-1-2-Ext-2018-06", minVersion: .tls1_2, supportsTLS13: false, source: "AWS ALB table"),
        .init(
            name: "ELBSecurityPolicy-TLS-1-2-2017-01", minVersion: .tls1_2, supportsTLS13: false, availability: .both,
            source: "AWS ALB table; AWS CLB table"),
        .init(
            name: "ELBSecurityPolicy-TLS-1-1-2017-01", minVersion: .tls1_1, supportsTLS13: false, availability: .both,
            source: "AWS ALB table; AWS CLB table"),
        // The API default for ALB, NLB and Classic listeners; s2n-tls: minimum_protocol_version = S2N_TLS10.
        .init(
            name: "ELBSecurityPolicy-2016-08", minVersion: .tls1_0, supportsTLS13: false, availability: .both,
            source: "AWS ALB table; AWS CLB table; s2n-tls"),
        .init(
            name: "ELBSecurityPolicy-2015-05", minVersion: .tls1_0, supportsTLS13: false, availability: .both,
            source: "AWS NLB table; AWS CLB 2015; s2n-tls"),
        // Legacy; allows DES-CBC3-SHA (aws-cdk SslPolicy enum comment, s2n-tls).
        .init(name: "ELBSecurityPolicy-TLS-1-0-2015-04", minVersion: .tls1_0, supportsTLS13: false, source: "aws-cdk; s2n-tls"),

        // Forward-secrecy policies.
        .init(name: "ELBSecurityPolicy-FS-1-2-Res-2020-10", minVersion: .tls1_2, supportsTLS13: false, source: "AWS FS table"),
        .init(name: "ELBSecurityPolicy-FS-1-2-Res-2019-08", minVersion: .tls1_2, supportsTLS13: false, source: "AWS FS table"),
        .init(name: "ELBSecurityPolicy-FS-1-2-2019-08", minVersion: .tls1_2, supportsTLS13: false, source: "AWS FS table"),
        .init(name: "ELBSecurityPolicy-FS-1-1-2019-08", minVersion: .tls1_1, supportsTLS13: false, source: "AWS FS table"),
        .init(name: "ELBSecurityPolicy-FS-2018-06", minVersion: .tls1_0, supportsTLS13: false, source: "AWS FS table"),

        // FIPS policies (2023-04).
        .init(name: "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04", minVersion: .tls1_3, supportsTLS13: true, fips: true, source: "AWS FIPS table"),
        .init(name: "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04", minVersion: .tls1_2, supportsTLS13: true, fips: true, source: "AWS FIPS table"),
        .init(name: "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04", minVersion: .tls1_2, supportsTLS13: true, fips: true, source: "AWS FIPS table"),
        .init(name: "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04", minVersion: .tls1_2, supportsTLS13: true, fips: true, source: "AWS FIPS table"),
        .init(name: "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04", minVersion: .tls1_2, supportsTLS13: true, fips: true, source: "AWS FIPS table"),
        .init(name: "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04", minVersion: .tls1_2, supportsTLS13: true, fips: true, source: "AWS FIPS table"),
        .init(name: "ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04", minVersion: .tls1_1, supportsTLS13: true, fips: true, source: "AWS FIPS table"),
        .init(name: "ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04", minVersion: .tls1_0, supportsTLS13: true, fips: true, source: "AWS FIPS table"),

        // Hybrid post-quantum policies (2025-09): the eleven listed by AWS (Res-PQ described on the
        // ALB page: "hybrid PQ-TLS, TLS 1.3 only, or TLS 1.2 only") and Datadog; versions by name pattern.
        .init(name: "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09", minVersion: .tls1_3, supportsTLS13: true, postQuantum: true, source: "Datadog; name pattern"),
        .init(
            name: "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09", minVersion: .tls1_3, supportsTLS13: true, fips: true, postQuantum: true,
            source: "Datadog; name pattern"),
        .init(name: "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09", minVersion: .tls1_2, supportsTLS13: true, postQuantum: true, source: "Datadog; name pattern"),
        .init(name: "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09", minVersion: .tls1_2, supportsTLS13: true, postQuantum: true, source: "AWS ALB table"),
        .init(name: "ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09", minVersion: .tls1_2, supportsTLS13: true, postQuantum: true, source: "Datadog; name pattern"),
        .init(name: "ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09", minVersion: .tls1_2, supportsTLS13: true, postQuantum: true, source: "Datadog; name pattern"),
        .init(
            name: "ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09", minVersion: .tls1_2, supportsTLS13: true, fips: true, postQuantum: true,
            source: "Datadog; name pattern"),
        .init(
            name: "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09", minVersion: .tls1_2, supportsTLS13: true, fips: true, postQuantum: true,
            source: "AWS ALB page (recommended FIPS variant)"),
        .init(
            name: "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09", minVersion: .tls1_2, supportsTLS13: true, fips: true, postQuantum: true,
            source: "Datadog; name pattern"),
        .init(
            name: "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09", minVersion: .tls1_2, supportsTLS13: true, fips: true, postQuantum: true,
            source: "Datadog; name pattern"),
        .init(
            name: "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09", minVersion: .tls1_2, supportsTLS13: true, fips: true, postQuantum: true,
            source: "Datadog; name pattern"),
        // Only in a third-party policy list (tls-facts.md §1.2, "verify"); the 1-0 segment says TLS 1.0.
        .init(name: "ELBSecurityPolicy-TLS13-1-0-PQ-2025-09", minVersion: .tls1_0, supportsTLS13: true, postQuantum: true, source: "third-party list; name pattern"),
        .init(
            name: "ELBSecurityPolicy-TLS13-1-0-FIPS-PQ-2025-09", minVersion: .tls1_0, supportsTLS13: true, fips: true, postQuantum: true,
            source: "third-party list; name pattern"),

        // RFC 9151 (CNSA 1.0) FIPS policies (2023-07): strict and interop variants; versions by name pattern.
        .init(name: "ELBSecurityPolicy-TLS13-1-3-RFC9151-FIPS-2023-07", minVersion: .tls1_3, supportsTLS13: true, fips: true, source: "AWS ALB page; name pattern"),
        .init(name: "ELBSecurityPolicy-TLS13-1-2-RFC9151-FIPS-2023-07", minVersion: .tls1_2, supportsTLS13: true, fips: true, source: "AWS ALB page; name pattern"),
        .init(
            name: "ELBSecurityPolicy-TLS13-1-2-Ext0-RFC9151-FIPS-2023-07", minVersion: .tls1_2, supportsTLS13: true, fips: true,
            source: "AWS ALB page; name pattern"),
        .init(
            name: "ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP1-FIPS-2023-07", minVersion: .tls1_2, supportsTLS13: true, fips: true,
            source: "AWS ALB page; name pattern"),
        .init(
            name: "ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP2-FIPS-2023-07", minVersion: .tls1_2, supportsTLS13: true, fips: true,
            source: "AWS ALB page; name pattern"),
        .init(
            name: "ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP3-FIPS-2023-07", minVersion: .tls1_2, supportsTLS13: true, fips: true,
            source: "AWS ALB page; name pattern"),
        .init(
            name: "ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP4-FIPS-2023-07", minVersion: .tls1_2, supportsTLS13: true, fips: true,
            source: "AWS ALB page; name pattern"),

        // CNSA 2.0 policies (2026-07): s2n-tls @8cbf81ad, not yet in the AWS docs we saw.
        .init(
            name: "ELBSecurityPolicy-TLS13-1-3-CNSA2-INTEROP1-FIPS-PQ-2026-07", minVersion: .tls1_3, supportsTLS13: true, fips: true,
            postQuantum: true, source: "s2n-tls (S2N_TLS13)"),
        .init(
            name: "ELBSecurityPolicy-TLS13-1-2-CNSA2-INTEROP2-FIPS-PQ-2026-07", minVersion: .tls1_2, supportsTLS13: true, fips: true,
            postQuantum: true, source: "s2n-tls (S2N_TLS12)"),
        .init(
            name: "ELBSecurityPolicy-TLS13-1-2-CNSA2-INTEROP3-FIPS-PQ-2026-07", minVersion: .tls1_2, supportsTLS13: true, fips: true,
            postQuantum: true, source: "s2n-tls (S2N_TLS12)"),

        // Classic Load Balancer predefined policies that ALB/NLB do not offer. The 2015 Classic table
        // has columns 2015-05, 2015-03, 2015-02, 2014-10, 2014-01, 2011-08 and a Protocol-SSLv3 row;
        // SSLv3 was dropped from the predefined policies from 2014-10 on (POODLE, October 2014), so
        // 2014-01 and 2011-08 still accept SSLv3.
        .init(name: "ELBSecurityPolicy-2015-03", minVersion: .tls1_0, supportsTLS13: false, availability: .classic, source: "AWS CLB 2015"),
        .init(name: "ELBSecurityPolicy-2015-02", minVersion: .tls1_0, supportsTLS13: false, availability: .classic, source: "AWS CLB 2015"),
        .init(name: "ELBSecurityPolicy-2014-10", minVersion: .tls1_0, supportsTLS13: false, availability: .classic, source: "AWS CLB 2015"),
        .init(name: "ELBSecurityPolicy-2014-01", minVersion: .sslv3, supportsTLS13: false, availability: .classic, source: "AWS CLB 2015"),
        .init(name: "ELBSecurityPolicy-2011-08", minVersion: .sslv3, supportsTLS13: false, availability: .classic, source: "AWS CLB 2015"),
        // Sample policies returned by `aws elb describe-load-balancer-policies` without a load balancer
        // name ("The names of the sample policies have the ELBSample- prefix", ELB API reference). Names
        // seen in third-party code (an ELB emulator, the sidick/terraform-aws-elb-ssl-negotiation module);
        // their protocols are not in any AWS table we could read, so SSLv3 is assumed (verify): a
        // policy requiring TLS 1.2 fails them either way.
        .init(
            name: "ELBSample-ELBDefaultNegotiationPolicy", minVersion: .sslv3, supportsTLS13: false, availability: .classic,
            source: "ELB API reference (ELBSample- prefix); protocols assumed (verify)"),
        .init(
            name: "ELBSample-OpenSSLDefaultCipherPolicy", minVersion: .sslv3, supportsTLS13: false, availability: .classic,
            source: "ELB API reference (ELBSample- prefix); protocols assumed (verify)"),
    ]
}
