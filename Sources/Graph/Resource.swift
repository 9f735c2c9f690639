/// One thing a policy can judge: a Terraform resource, a Kubernetes object, an nginx server.
public struct Resource: Sendable, Hashable {
    /// Stable and human-readable: `module.app.aws_kms_key.main`,
    /// `PeerAuthentication/istio-system/default`, `nginx.conf:14 server`.
    public var id: String
    /// `<format>/<type>`: `terraform/aws_kms_key`, `kubernetes/PeerAuthentication`, `nginx/server`.
    public var kind: String
    /// The attributes policies see as `resource.<name>`.
    public var attributes: [String: Value]
    /// Where the resource is in the scanned file.
    public var location: SourceLocation
    /// Where individual attribute values are in the scanned file, by path.
    public var locations: AttributeLocations
    /// Where the resource was written, when that differs from the scanned file (the `.tf`
    /// block of a plan resource).
    public var source: SourceLocation?
    /// Where individual attributes were written (`.tf` attribute lines), by path.
    public var sourceLocations: [AttributePath: SourceLocation]
    /// Attribute paths whose values are sensitive and must never be printed.
    public var sensitivePaths: Set<AttributePath>

    /// A resource; locations of attributes can be added afterwards.
    public init(
        id: String, kind: String, attributes: [String: Value], location: SourceLocation,
        locations: [AttributePath: SourceLocation] = [:], source: SourceLocation? = nil,
        sourceLocations: [AttributePath: SourceLocation] = [:], sensitivePaths: Set<AttributePath> = []
    ) {
        self.id = id
        self.kind = kind
        self.attributes = attributes
        self.location = location
        self.locations = AttributeLocations(locations)
        self.source = source
        self.sourceLocations = sourceLocations
        self.sensitivePaths = sensitivePaths
    }

    /// A resource whose attribute locations are stored as `AttributeLocations` (a subtree of a
    /// parsed document's `LocationTree`, say).
    public init(id: String, kind: String, attributes: [String: Value], location: SourceLocation, locations: AttributeLocations) {
        self.id = id
        self.kind = kind
        self.attributes = attributes
        self.location = location
        self.locations = locations
        self.source = nil
        self.sourceLocations = [:]
        self.sensitivePaths = []
    }

    /// The value at an attribute path, or nil when absent.
    public func value(at path: AttributePath) -> Value? {
        Value.map(attributes).value(at: path)
    }

    /// The location of the value at `path`, or of its nearest located ancestor, or of the resource.
    public func location(of path: AttributePath) -> SourceLocation {
        locations.nearest(path) ?? location
    }

    /// Where the value at `path` (or its nearest located ancestor) was written, when known.
    public func sourceLocation(of path: AttributePath) -> SourceLocation? {
        var current: AttributePath? = path
        while let p = current {
            if let found = sourceLocations[p] { return found }
            current = p.parent
        }
        return source
    }

    /// The format part of the kind: `terraform` for `terraform/aws_kms_key`.
    public var format: String { String(kind.prefix { $0 != "/" }) }

    /// The type part of the kind: `aws_kms_key` for `terraform/aws_kms_key`.
    public var type: String {
        guard let slash = kind.firstIndex(of: "/") else { return kind }
        return String(kind[kind.index(after: slash)...])
    }
}
