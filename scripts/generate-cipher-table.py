#!/usr/bin/env python3
"""Regenerates Sources/TLSFacts/CipherSuite+Table.swift.

Suites the local `openssl` (Debian's OpenSSL 3.0) can list are read from it: `openssl ciphers -V
-stdname 'ALL:COMPLEMENTOFALL'` for id, names, version and algorithms, and the HIGH,
COMPLEMENTOFDEFAULT and FIPS aliases for the strength flags. Suites that OpenSSL 3.0 knows but
Debian's build cannot list (3DES and RC4 need `enable-weak-ssl-ciphers`; IDEA and SEED need the
legacy provider; GOST needs a GOST engine/provider) are listed by hand below, from OpenSSL 3.0's
ssl/s3_lib.c. Run from the package root: scripts/generate-cipher-table.py
"""
import re
import subprocess


def openssl(*args):
    return subprocess.run(["openssl", "ciphers", *args], capture_output=True, text=True, check=True).stdout


def names(alias):
    return {line.split()[0] for line in openssl("-v", alias).splitlines() if line.strip()}


KX = {"RSA": "rsa", "DH": "dhe", "ECDH": "ecdhe", "PSK": "psk", "RSAPSK": "rsaPSK", "DHEPSK": "dhePSK",
      "ECDHEPSK": "ecdhePSK", "SRP": "srp", "any": "any"}
AU = {"RSA": "rsa", "DSS": "dss", "ECDSA": "ecdsa", "None": "anonymous", "PSK": "psk", "SRP": "srp", "any": "any"}
ENC = {"AESGCM(128)": "aes128GCM", "AESGCM(256)": "aes256GCM", "AESCCM(128)": "aes128CCM", "AESCCM(256)": "aes256CCM",
       "AESCCM8(128)": "aes128CCM8", "AESCCM8(256)": "aes256CCM8", "AES(128)": "aes128", "AES(256)": "aes256",
       "Camellia(128)": "camellia128", "Camellia(256)": "camellia256", "ARIAGCM(128)": "aria128GCM",
       "ARIAGCM(256)": "aria256GCM", "CHACHA20/POLY1305(256)": "chacha20Poly1305", "None": "null"}
MAC = {"AEAD": "aead", "SHA1": "sha1", "SHA256": "sha256", "SHA384": "sha384", "MD5": "md5"}
VER = {"SSLv3": "sslv3", "TLSv1": "tls1_0", "TLSv1.2": "tls1_2", "TLSv1.3": "tls1_3"}
BITS = {"null": 0, "chacha20Poly1305": 256}

# (id, OpenSSL name, IANA name, min version, kx, au, enc, mac, class, strength bits, not default, fips, build)
EXTRA = [
    (0x000A, "DES-CBC3-SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "sslv3", "rsa", "rsa", "tripleDES", "sha1"),
    (0x0013, "DHE-DSS-DES-CBC3-SHA", "TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA", "sslv3", "dhe", "dss", "tripleDES", "sha1"),
    (0x0016, "DHE-RSA-DES-CBC3-SHA", "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA", "sslv3", "dhe", "rsa", "tripleDES", "sha1"),
    (0x001B, "ADH-DES-CBC3-SHA", "TLS_DH_anon_WITH_3DES_EDE_CBC_SHA", "sslv3", "dhe", "anonymous", "tripleDES", "sha1"),
    (0xC008, "ECDHE-ECDSA-DES-CBC3-SHA", "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA", "tls1_0", "ecdhe", "ecdsa", "tripleDES", "sha1"),
    (0xC012, "ECDHE-RSA-DES-CBC3-SHA", "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA", "tls1_0", "ecdhe", "rsa", "tripleDES", "sha1"),
    (0xC017, "AECDH-DES-CBC3-SHA", "TLS_ECDH_anon_WITH_3DES_EDE_CBC_SHA", "tls1_0", "ecdhe", "anonymous", "tripleDES", "sha1"),
    (0x008B, "PSK-3DES-EDE-CBC-SHA", "TLS_PSK_WITH_3DES_EDE_CBC_SHA", "sslv3", "psk", "psk", "tripleDES", "sha1"),
    (0x008F, "DHE-PSK-3DES-EDE-CBC-SHA", "TLS_DHE_PSK_WITH_3DES_EDE_CBC_SHA", "sslv3", "dhePSK", "psk", "tripleDES", "sha1"),
    (0x0093, "RSA-PSK-3DES-EDE-CBC-SHA", "TLS_RSA_PSK_WITH_3DES_EDE_CBC_SHA", "sslv3", "rsaPSK", "rsa", "tripleDES", "sha1"),
    (0xC034, "ECDHE-PSK-3DES-EDE-CBC-SHA", "TLS_ECDHE_PSK_WITH_3DES_EDE_CBC_SHA", "tls1_0", "ecdhePSK", "psk", "tripleDES", "sha1"),
    (0xC01A, "SRP-3DES-EDE-CBC-SHA", "TLS_SRP_SHA_WITH_3DES_EDE_CBC_SHA", "sslv3", "srp", "srp", "tripleDES", "sha1"),
    (0xC01B, "SRP-RSA-3DES-EDE-CBC-SHA", "TLS_SRP_SHA_RSA_WITH_3DES_EDE_CBC_SHA", "sslv3", "srp", "rsa", "tripleDES", "sha1"),
    (0xC01C, "SRP-DSS-3DES-EDE-CBC-SHA", "TLS_SRP_SHA_DSS_WITH_3DES_EDE_CBC_SHA", "sslv3", "srp", "dss", "tripleDES", "sha1"),
    (0x0004, "RC4-MD5", "TLS_RSA_WITH_RC4_128_MD5", "sslv3", "rsa", "rsa", "rc4", "md5"),
    (0x0005, "RC4-SHA", "TLS_RSA_WITH_RC4_128_SHA", "sslv3", "rsa", "rsa", "rc4", "sha1"),
    (0x0018, "ADH-RC4-MD5", "TLS_DH_anon_WITH_RC4_128_MD5", "sslv3", "dhe", "anonymous", "rc4", "md5"),
    (0xC033, "ECDHE-PSK-RC4-SHA", "TLS_ECDHE_PSK_WITH_RC4_128_SHA", "tls1_0", "ecdhePSK", "psk", "rc4", "sha1"),
    (0xC016, "AECDH-RC4-SHA", "TLS_ECDH_anon_WITH_RC4_128_SHA", "tls1_0", "ecdhe", "anonymous", "rc4", "sha1"),
    (0xC007, "ECDHE-ECDSA-RC4-SHA", "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA", "tls1_0", "ecdhe", "ecdsa", "rc4", "sha1"),
    (0xC011, "ECDHE-RSA-RC4-SHA", "TLS_ECDHE_RSA_WITH_RC4_128_SHA", "tls1_0", "ecdhe", "rsa", "rc4", "sha1"),
    (0x008A, "PSK-RC4-SHA", "TLS_PSK_WITH_RC4_128_SHA", "sslv3", "psk", "psk", "rc4", "sha1"),
    (0x0092, "RSA-PSK-RC4-SHA", "TLS_RSA_PSK_WITH_RC4_128_SHA", "sslv3", "rsaPSK", "rsa", "rc4", "sha1"),
    (0x008E, "DHE-PSK-RC4-SHA", "TLS_DHE_PSK_WITH_RC4_128_SHA", "sslv3", "dhePSK", "psk", "rc4", "sha1"),
    (0x0007, "IDEA-CBC-SHA", "TLS_RSA_WITH_IDEA_CBC_SHA", "sslv3", "rsa", "rsa", "idea", "sha1"),
    (0x0096, "SEED-SHA", "TLS_RSA_WITH_SEED_CBC_SHA", "sslv3", "rsa", "rsa", "seed", "sha1"),
    (0x0099, "DHE-DSS-SEED-SHA", "TLS_DHE_DSS_WITH_SEED_CBC_SHA", "sslv3", "dhe", "dss", "seed", "sha1"),
    (0x009A, "DHE-RSA-SEED-SHA", "TLS_DHE_RSA_WITH_SEED_CBC_SHA", "sslv3", "dhe", "rsa", "seed", "sha1"),
    (0x009B, "ADH-SEED-SHA", "TLS_DH_anon_WITH_SEED_CBC_SHA", "sslv3", "dhe", "anonymous", "seed", "sha1"),
    (0x0081, "GOST2001-GOST89-GOST89", "TLS_GOSTR341001_WITH_28147_CNT_IMIT", "tls1_0", "gost", "gost01", "gost89", "gost89MAC"),
    (0x0083, "GOST2001-NULL-GOST94", "TLS_GOSTR341001_WITH_NULL_GOSTR3411", "tls1_0", "gost", "gost01", "null", "gost94"),
    (0xC102, "IANA-GOST2012-GOST8912-GOST8912", None, "tls1_0", "gost", "gost01Or12", "gost89CNT12", "gost89MAC12"),
    (0xFF85, "LEGACY-GOST2012-GOST8912-GOST8912", None, "tls1_0", "gost", "gost01Or12", "gost89CNT12", "gost89MAC12"),
    (0xFF87, "GOST2012-NULL-GOST12", None, "tls1_0", "gost", "gost01Or12", "null", "gost12"),
    (0xC100, "GOST2012-KUZNYECHIK-KUZNYECHIKOMAC", None, "tls1_2", "gost18", "gost12", "kuznyechik", "kuznyechikOMAC"),
    (0xC101, "GOST2012-MAGMA-MAGMAOMAC", None, "tls1_2", "gost18", "gost12", "magma", "magmaOMAC"),
]


def extra_row(e):
    cid, name, iana, ver, kx, au, enc, mac = e
    if enc == "tripleDES":
        return (cid, name, iana, ver, kx, au, enc, mac, "medium", 112, True, True, "weakCiphers")
    if enc == "rc4":
        return (cid, name, iana, ver, kx, au, enc, mac, "medium", 128, True, False, "weakCiphers")
    if enc in ("idea", "seed"):
        return (cid, name, iana, ver, kx, au, enc, mac, "medium", 128, True, False, "legacyProvider")
    if enc == "null":
        return (cid, name, iana, ver, kx, au, enc, mac, "none", 0, False, False, "gost")
    return (cid, name, iana, ver, kx, au, enc, mac, "high", 256, False, False, "gost")


def main():
    high, notdef, fips = names("HIGH"), names("COMPLEMENTOFDEFAULT"), names("FIPS")
    rows = []
    pattern = re.compile(r"0x(..),0x(..) - (\S+)\s+- (\S+)\s+(\S+)\s+Kx=(\S+)\s+Au=(\S+)\s+Enc=(\S+)\s+Mac=(\S+)")
    for line in openssl("-V", "-stdname", "ALL:COMPLEMENTOFALL").splitlines():
        m = pattern.search(line)
        if not m:
            continue
        hi, lo, iana, name, ver, kx, au, enc, mac = m.groups()
        if ver == "TLSv1.3":
            continue
        e = ENC[enc]
        bits = BITS.get(e, int(re.search(r"\((\d+)\)", enc).group(1)) if "(" in enc else 0)
        klass = "none" if e == "null" else ("high" if name in high else "medium")
        is_fips = name in fips or (e == "null" and mac != "MD5")
        rows.append((int(hi + lo, 16), name, iana, VER[ver], KX[kx], AU[au], e, MAC[mac], klass, bits,
                     name in notdef, is_fips, "standard"))
    known = {r[0] for r in rows}
    rows += [extra_row(e) for e in EXTRA if e[0] not in known]
    rows.sort(key=lambda r: r[0])
    out = ["// Generated by scripts/generate-cipher-table.py from Debian's OpenSSL 3.0 (`openssl ciphers`)",
           "// plus the suites its build cannot list, from OpenSSL 3.0 ssl/s3_lib.c. Do not edit by hand.",
           "",
           "extension CipherSuite {",
           "    /// Every TLS 1.0–1.2 (and SSL 3.0) cipher suite OpenSSL 3.0 defines, by ascending id — the",
           "    /// order OpenSSL sorts its table in before building a cipher list.",
           "    public static let openSSLTable: [CipherSuite] = ["]
    for (cid, name, iana, ver, kx, au, enc, mac, klass, bits, nd, fp, build) in rows:
        iana_s = f'"{iana}"' if iana else "nil"
        out.append(f'        .init(0x{cid:04X}, "{name}", {iana_s}, .{ver}, .{kx}, .{au}, .{enc}, .{mac}, .{klass}, {bits}, '
                   f'notDefault: {str(nd).lower()}, fips: {str(fp).lower()}, build: .{build}),')
    out += ["    ]", "}", ""]
    with open("Sources/TLSFacts/CipherSuite+Table.swift", "w") as f:
        f.write("\n".join(out))
    print(f"{len(rows)} suites")


main()
