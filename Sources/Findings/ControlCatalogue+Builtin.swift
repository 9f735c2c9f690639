// The control catalogue as data. Titles are the frameworks' own wording (SOC 2 criteria,
// PCI DSS requirements: the first sentence; NIST: the control name, enhancements as
// "Control | Enhancement"; CIS: the recommendation title; HIPAA: the standard or
// implementation specification name). Every entry names its source. When a policy maps a
// control not listed here, add it here, with its source, in document order.

extension ControlCatalogue {
    /// The frameworks and controls cipherlint's policies map to.
    public static let builtin = ControlCatalogue(
        frameworks: [soc2, cisAWS, nist, pci, hipaa],
        controls: soc2Controls + cisAWSControls + nistControls + pciControls + hipaaControls)

    static let soc2 = ComplianceFramework(
        id: "soc2", option: "soc2", name: "SOC 2 Trust Services Criteria",
        version: "2017 (revised points of focus, 2022)",
        citation: "AICPA, 2017 Trust Services Criteria for Security, Availability, Processing Integrity, Confidentiality, and Privacy (With Revised Points of Focus — 2022)",
        url: "https://www.aicpa-cima.com/resources/download/2017-trust-services-criteria-with-revised-points-of-focus-2022")

    static let cisAWS = ComplianceFramework(
        id: "cis-aws-3.0", option: "cis-aws", name: "CIS Amazon Web Services Foundations Benchmark",
        version: "3.0.0",
        citation: "Center for Internet Security, CIS Amazon Web Services Foundations Benchmark v3.0.0 (2024)",
        url: "https://www.cisecurity.org/benchmark/amazon_web_services")

    static let nist = ComplianceFramework(
        id: "nist-800-53", option: "nist-800-53", name: "NIST SP 800-53 Security and Privacy Controls",
        version: "Revision 5",
        citation: "NIST Special Publication 800-53 Revision 5, Security and Privacy Controls for Information Systems and Organizations (2020, updated 2023)",
        url: "https://doi.org/10.6028/NIST.SP.800-53r5")

    static let pci = ComplianceFramework(
        id: "pci-dss-4.0", option: "pci-dss", name: "PCI Data Security Standard",
        version: "4.0",
        citation: "PCI Security Standards Council, Payment Card Industry Data Security Standard: Requirements and Testing Procedures, v4.0 (March 2022)",
        url: "https://www.pcisecuritystandards.org/document_library/")

    static let hipaa = ComplianceFramework(
        id: "hipaa", option: "hipaa", name: "HIPAA Security Rule, Technical Safeguards",
        version: "45 CFR 164.312",
        citation: "45 CFR § 164.312 Technical safeguards (HIPAA Security Rule, Subpart C)",
        url: "https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/subpart-C/section-164.312")

    private static func tsc(_ id: String, _ title: String) -> ComplianceControl {
        ComplianceControl(framework: "soc2", id: id, title: title, source: "AICPA TSC 2017 (rev. 2022), \(id); \(soc2.url)")
    }

    static let soc2Controls = [
        tsc("CC6.1", "The entity implements logical access security software, infrastructure, and architectures over protected information assets to protect them from security events to meet the entity's objectives."),
        tsc("CC6.2", "Prior to issuing system credentials and granting system access, the entity registers and authorizes new internal and external users whose access is administered by the entity."),
        tsc("CC6.3", "The entity authorizes, modifies, or removes access to data, software, functions, and other protected information assets based on roles, responsibilities, or the system design and changes, giving consideration to the concepts of least privilege and segregation of duties, to meet the entity's objectives."),
        tsc("CC6.6", "The entity implements logical access security measures to protect against threats from sources outside its system boundaries."),
        tsc("CC6.7", "The entity restricts the transmission, movement, and removal of information to authorized internal and external users and processes, and protects it during transmission, movement, or removal to meet the entity's objectives."),
        tsc("CC6.8", "The entity implements controls to prevent or detect and act upon the introduction of unauthorized or malicious software to meet the entity's objectives."),
        tsc("CC7.1", "To meet its objectives, the entity uses detection and monitoring procedures to identify (1) changes to configurations that result in the introduction of new vulnerabilities, and (2) susceptibilities to newly discovered vulnerabilities."),
        tsc("CC7.2", "The entity monitors system components and the operation of those components for anomalies that are indicative of malicious acts, natural disasters, and errors affecting the entity's ability to meet its objectives; anomalies are analyzed to determine whether they represent security events."),
        tsc("CC8.1", "The entity authorizes, designs, develops or acquires, configures, documents, tests, approves, and implements changes to infrastructure, data, software, and procedures to meet its objectives."),
    ]

    private static func cis(_ id: String, _ title: String) -> ComplianceControl {
        ComplianceControl(framework: "cis-aws-3.0", id: id, title: title, source: "CIS AWS Foundations Benchmark v3.0.0, recommendation \(id); \(cisAWS.url)")
    }

    static let cisAWSControls = [
        cis("1.4", "Ensure no 'root' user account access key exists"),
        cis("1.14", "Ensure access keys are rotated every 90 days or less"),
        cis("1.16", "Ensure IAM policies that allow full \"*:*\" administrative privileges are not attached"),
        cis("2.1.1", "Ensure S3 Bucket Policy is set to deny HTTP requests"),
        cis("2.1.2", "Ensure MFA Delete is enabled on S3 buckets"),
        cis("2.1.4", "Ensure that S3 Buckets are configured with 'Block public access (bucket settings)'"),
        cis("2.2.1", "Ensure EBS Volume Encryption is Enabled in all Regions"),
        cis("2.3.1", "Ensure that encryption-at-rest is enabled for RDS Instances"),
        cis("2.3.3", "Ensure that public access is not given to RDS Instance"),
        cis("2.4.1", "Ensure that encryption is enabled for EFS file systems"),
        cis("3.1", "Ensure CloudTrail is enabled in all regions"),
        cis("3.2", "Ensure CloudTrail log file validation is enabled"),
        cis("3.3", "Ensure AWS Config is enabled in all regions"),
        cis("3.4", "Ensure S3 bucket access logging is enabled on the CloudTrail S3 bucket"),
        cis("3.5", "Ensure CloudTrail logs are encrypted at rest using KMS CMKs"),
        cis("3.6", "Ensure rotation for customer-created symmetric CMKs is enabled"),
        cis("3.7", "Ensure VPC flow logging is enabled in all VPCs"),
        cis("3.8", "Ensure that Object-level logging for write events is enabled for S3 bucket"),
        cis("3.9", "Ensure that Object-level logging for read events is enabled for S3 bucket"),
    ]

    private static func sp(_ id: String, _ title: String) -> ComplianceControl {
        let base = id.split(separator: "(").first.map(String.init) ?? id
        return ComplianceControl(
            framework: "nist-800-53", id: id, title: title,
            source: "NIST SP 800-53 Rev. 5, \(id); https://csrc.nist.gov/projects/cprt/catalog#/cprt/framework/version/SP_800_53_5_1_1/home?element=\(base)")
    }

    static let nistControls = [
        sp("AC-3", "Access Enforcement"),
        sp("AC-6", "Least Privilege"),
        sp("AU-2", "Event Logging"),
        sp("AU-9", "Protection of Audit Information"),
        sp("AU-10", "Non-repudiation"),
        sp("AU-12", "Audit Record Generation"),
        sp("CM-6", "Configuration Settings"),
        sp("IA-5", "Authenticator Management"),
        sp("SC-7", "Boundary Protection"),
        sp("SC-8", "Transmission Confidentiality and Integrity"),
        sp("SC-8(1)", "Transmission Confidentiality and Integrity | Cryptographic Protection"),
        sp("SC-12", "Cryptographic Key Establishment and Management"),
        sp("SC-13", "Cryptographic Protection"),
        sp("SC-17", "Public Key Infrastructure Certificates"),
        sp("SC-23", "Session Authenticity"),
        sp("SC-28", "Protection of Information at Rest"),
        sp("SC-28(1)", "Protection of Information at Rest | Cryptographic Protection"),
    ]

    private static func req(_ id: String, _ title: String) -> ComplianceControl {
        ComplianceControl(framework: "pci-dss-4.0", id: id, title: title, source: "PCI DSS v4.0, requirement \(id); \(pci.url)")
    }

    static let pciControls = [
        req("3.5.1", "PAN is rendered unreadable anywhere it is stored."),
        req("3.6.1", "Procedures are defined and implemented to protect cryptographic keys used to protect stored account data against disclosure and misuse."),
        req("3.7.4", "Key management policies and procedures are implemented for cryptographic key changes for keys that have reached the end of their cryptoperiod."),
        req("4.2.1", "Strong cryptography and security protocols are implemented to safeguard PAN during transmission over open, public networks."),
        req("4.2.1.1", "An inventory of the entity's trusted keys and certificates used to protect PAN during transmission is maintained."),
        req("7.2.1", "An access control model is defined and includes granting access appropriately."),
        req("7.2.2", "Access is assigned to users, including privileged users, based on job classification and function, and least privileges necessary to perform job responsibilities."),
        req("8.3.2", "Strong cryptography is used to render all authentication factors unreadable during transmission and storage on all system components."),
        req("8.3.9", "If passwords/passphrases are used as the only authentication factor for user access, they are changed at least once every 90 days, or the security posture of accounts is dynamically analyzed."),
        req("10.2.1", "Audit logs are enabled and active for all system components and cardholder data."),
        req("10.3.2", "Audit log files are protected to prevent modifications by individuals."),
        req("10.3.4", "File integrity monitoring or change-detection mechanisms is used on audit logs to ensure that existing log data cannot be changed without generating alerts."),
        req("10.5.1", "Retain audit log history for at least 12 months, with at least the most recent three months immediately available for analysis."),
    ]

    private static func cfr(_ id: String, _ title: String) -> ComplianceControl {
        let paragraph = id.dropFirst("164.312".count)
        return ComplianceControl(
            framework: "hipaa", id: id, title: title,
            source: "45 CFR § \(id); https://www.ecfr.gov/current/title-45/part-164/section-164.312#p-164.312\(paragraph)")
    }

    static let hipaaControls = [
        cfr("164.312(a)(1)", "Standard: Access control"),
        cfr("164.312(a)(2)(iv)", "Encryption and decryption (Addressable)"),
        cfr("164.312(b)", "Standard: Audit controls"),
        cfr("164.312(c)(1)", "Standard: Integrity"),
        cfr("164.312(c)(2)", "Mechanism to authenticate electronic protected health information (Addressable)"),
        cfr("164.312(d)", "Standard: Person or entity authentication"),
        cfr("164.312(e)(1)", "Standard: Transmission security"),
        cfr("164.312(e)(2)(i)", "Integrity controls (Addressable)"),
        cfr("164.312(e)(2)(ii)", "Encryption (Addressable)"),
    ]
}
