import Graph

/// The normalised resources derived from one object: its workload and containers, an Istio
/// Gateway's servers, a DestinationRule's TLS settings blocks.
struct KubernetesDerivedResources {
    var resources: [Resource] = []
    var edges: [LocalEdge] = []

    init(object: KubernetesObject) {
        if let place = KubernetesKinds.podTemplatePath[object.kind] {
            addWorkload(object, place)
        }
        if object.kind == "Gateway" && object.group == "networking.istio.io" {
            addGatewayServers(object)
        }
        if object.kind == "DestinationRule" && object.group == "networking.istio.io" {
            addDestinationRuleTLS(object)
        }
    }

    // MARK: workloads

    private mutating func addWorkload(_ object: KubernetesObject, _ place: KubernetesKinds.PodTemplatePlace) {
        let metaPath: AttributePath
        let specPath: AttributePath
        switch place {
        case .pod:
            metaPath = AttributePath(keys: "metadata")
            specPath = AttributePath(keys: "spec")
        case .template(let keys):
            metaPath = LocationRebase.path(keys + ["metadata"])
            specPath = LocationRebase.path(keys + ["spec"])
        }
        let all = Value.map(object.attributes)
        let podMeta = all.value(at: metaPath) ?? .map([:])
        let podSpec = all.value(at: specPath) ?? .map([:])
        let labels = KubernetesObject.stringMap(podMeta["labels"])
        let annotations = KubernetesObject.stringMap(podMeta["annotations"])
        // One value each, shared by the workload and its containers.
        let labelsValue = Value.map(labels.mapValues(Value.string))
        let annotationsValue = Value.map(annotations.mapValues(Value.string))
        let workloadID = object.id + "#workload"
        // Room for what the linker adds (the `mtls` entries, three per port) without growing.
        let portCount = ["containers", "initContainers", "ephemeralContainers"].reduce(0) { count, key in
            count + (podSpec[key]?.listValue ?? []).reduce(0) { $0 + ($1["ports"]?.listValue?.count ?? 0) }
        }
        let containerCount = ["containers", "initContainers", "ephemeralContainers"].reduce(0) { $0 + (podSpec[$1]?.listValue?.count ?? 0) }
        var locations = [AttributePath: SourceLocation](
            minimumCapacity: 8 + labels.count + annotations.count + containerCount + 2 * portCount + 16 + 3 * portCount)
        locations[AttributePath(keys: "name")] = object.locations[AttributePath(keys: "name")]
        locations[AttributePath(keys: "namespace")] = object.locations[AttributePath(keys: "namespace")]
        LocationRebase.members(labels.keys, object.locations, from: metaPath.appending("labels"), to: AttributePath(keys: "labels"), into: &locations)
        LocationRebase.members(
            annotations.keys, object.locations, from: metaPath.appending("annotations"), to: AttributePath(keys: "annotations"),
            into: &locations)
        var containers: [Value] = []
        var ports: [Value] = []
        var containerResources: [Resource] = []
        for (listKey, isInit) in [("containers", false), ("initContainers", true), ("ephemeralContainers", false)] {
            guard let list = podSpec[listKey]?.listValue else { continue }
            for (index, entry) in list.enumerated() {
                guard var container = entry.mapValue else { continue }
                let containerPath = specPath.appending(listKey).appending(index: index)
                let name = container["name"].flatMap(KubernetesObject.text) ?? "\(listKey)[\(index)]"
                // Init containers serve traffic only as native sidecars (restartPolicy Always).
                let serves = !isInit || container["restartPolicy"]?.stringValue == "Always"
                let entryIndex = containers.count
                var containerPorts: [Value] = []
                if serves, let portList = container["ports"]?.listValue {
                    for (portIndex, portEntry) in portList.enumerated() {
                        guard let number = portEntry["containerPort"]?.intValue else { continue }
                        let portValue: Value = .map([
                            "port": .int(number),
                            "containerPort": .int(number),
                            "name": portEntry["name"] ?? .null,
                            "protocol": portEntry["protocol"] ?? .string("TCP"),
                            "container": .string(name),
                        ])
                        let portSource = containerPath.appending("ports").appending(index: portIndex)
                        let loc = object.locations[portSource] ?? object.location
                        locations[AttributePath(keys: "ports").appending(index: ports.count)] = loc
                        locations[AttributePath(keys: "containers").appending(index: entryIndex).appending("ports").appending(index: containerPorts.count)] = loc
                        ports.append(portValue)
                        containerPorts.append(portValue)
                    }
                }
                let containerLocation = object.locations[containerPath] ?? object.location
                locations[AttributePath(keys: "containers").appending(index: entryIndex)] = containerLocation
                containers.append(.map([
                    "name": .string(name), "image": container["image"] ?? .null, "ports": .list(containerPorts),
                    "init": .bool(isInit), "ephemeral": .bool(listKey == "ephemeralContainers"),
                ]))
                // One copy of the shared map, at its final size, instead of growing it nine times.
                container.reserveCapacity(container.count + 9)
                container["namespace"] = object.attributes["namespace"] ?? .null
                container["workload"] = .string(workloadID)
                container["owner"] = .string(object.id)
                container["ownerKind"] = .string(object.kind)
                container["ownerName"] = .string(object.name)
                container["init"] = .bool(isInit)
                container["podLabels"] = labelsValue
                container["podAnnotations"] = annotationsValue
                if container["name"] == nil { container["name"] = .string(name) }
                containerResources.append(
                    Resource(
                        id: object.id + "#container/" + name, kind: "kubernetes/Container", attributes: container,
                        location: containerLocation, locations: object.locations.subtree(at: containerPath)))
            }
        }
        // Sized for the `mtls` map the linker adds, so adding it does not grow the dictionary.
        var attributes = [String: Value](minimumCapacity: 14)
        for (key, value) in [
            ("name", .string(object.name)),
            ("namespace", object.attributes["namespace"] ?? .null),
            ("labels", labelsValue),
            ("annotations", annotationsValue),
            ("objectLabels", object.attributes["labels"] ?? .map([:])),
            ("owner", .string(object.id)),
            ("ownerKind", .string(object.kind)),
            ("ownerName", .string(object.name)),
            ("ownerAPIVersion", .string(object.apiVersion)),
            ("containers", .list(containers)),
            ("ports", .list(ports)),
            ("hostNetwork", podSpec["hostNetwork"] ?? .bool(false)),
            ("serviceAccountName", podSpec["serviceAccountName"] ?? .null),
        ] as [(String, Value)] {
            attributes[key] = value
        }
        if let hostNetwork = object.locations[specPath.appending("hostNetwork")] {
            locations[AttributePath(keys: "hostNetwork")] = hostNetwork
        }
        let workloadLocation = object.locations[AttributePath(keys: "name")] ?? object.location
        resources.append(
            Resource(id: workloadID, kind: "kubernetes/Workload", attributes: attributes, location: workloadLocation, locations: locations))
        edges.append(LocalEdge(from: object.id, to: workloadID, kind: .contains))
        for container in containerResources {
            resources.append(container)
            edges.append(LocalEdge(from: workloadID, to: container.id, kind: .contains))
        }
    }

    // MARK: Istio Gateway servers

    private mutating func addGatewayServers(_ object: KubernetesObject) {
        let serversPath = AttributePath(keys: "spec", "servers")
        guard let servers = Value.map(object.attributes).value(at: serversPath)?.listValue else { return }
        for (index, entry) in servers.enumerated() {
            guard var server = entry.mapValue else { continue }
            let entryPath = serversPath.appending(index: index)
            var locations = object.locations.subtree(at: entryPath)
            let location = object.locations[entryPath] ?? object.location
            let portName = server["port"]?["name"].flatMap(KubernetesObject.text)
            let serverName = server["name"].flatMap(KubernetesObject.text) ?? portName ?? "#\(index)"
            let proto = server["port"]?["protocol"].flatMap(KubernetesObject.text)?.uppercased() ?? ""
            server["protocol"] = .string(proto)
            locations[AttributePath(keys: "protocol")] = locations[AttributePath(keys: "port", "protocol")] ?? location
            server["serverName"] = .string(serverName)
            server["index"] = .int(Int64(index))
            server["gateway"] = .string(object.name)
            server["gatewayId"] = .string(object.id)
            server["namespace"] = object.attributes["namespace"] ?? .null
            server["gatewaySelector"] = Value.map(object.attributes).value(at: AttributePath(keys: "spec", "selector")) ?? .map([:])
            server["labels"] = object.attributes["labels"] ?? .map([:])
            server["annotations"] = object.attributes["annotations"] ?? .map([:])
            if server["hosts"] == nil { server["hosts"] = .list([]) }
            let id = "\(object.id)#servers[\(index)]"
            resources.append(Resource(id: id, kind: "kubernetes/GatewayServer", attributes: server, location: location, locations: locations))
            edges.append(LocalEdge(from: object.id, to: id, kind: .contains))
        }
    }

    // MARK: DestinationRule TLS settings

    private mutating func addDestinationRuleTLS(_ object: KubernetesObject) {
        let all = Value.map(object.attributes)
        let host = all.value(at: AttributePath(keys: "spec", "host")).flatMap(KubernetesObject.text) ?? ""
        var policies: [(AttributePath, String?)] = [(AttributePath(keys: "spec", "trafficPolicy"), nil)]
        if let subsets = all.value(at: AttributePath(keys: "spec", "subsets"))?.listValue {
            for (index, subset) in subsets.enumerated() {
                let name = subset["name"].flatMap(KubernetesObject.text) ?? "#\(index)"
                policies.append((AttributePath(keys: "spec", "subsets").appending(index: index).appending("trafficPolicy"), name))
            }
        }
        for (policyPath, subset) in policies {
            guard let policy = all.value(at: policyPath) else { continue }
            var blocks: [(AttributePath, Int64?)] = []
            if policy["tls"]?.mapValue != nil { blocks.append((policyPath.appending("tls"), nil)) }
            if let settings = policy["portLevelSettings"]?.listValue {
                for (index, setting) in settings.enumerated() where setting["tls"]?.mapValue != nil {
                    blocks.append((policyPath.appending("portLevelSettings").appending(index: index).appending("tls"), setting["port"]?["number"]?.intValue))
                }
            }
            for (tlsPath, port) in blocks {
                guard var tls = all.value(at: tlsPath)?.mapValue else { continue }
                let location = object.locations[tlsPath] ?? object.location
                var locations = object.locations.subtree(at: tlsPath)
                let mode = tls["mode"].flatMap(KubernetesObject.text)?.uppercased() ?? "DISABLE"
                locations[AttributePath(keys: "effectiveMode")] = locations[AttributePath(keys: "mode")] ?? location
                tls["effectiveMode"] = .string(mode)
                tls["scope"] = .string(subset == nil ? (port == nil ? "destination" : "port") : (port == nil ? "subset" : "subset port"))
                let portLabel = port.map { "port \($0)" }
                let label = [subset.map { "subset \($0)" }, portLabel].compactMap { $0 }.joined(separator: " ")
                tls["label"] = .string(label.isEmpty ? "destination" : label)
                tls["port"] = port.map(Value.int) ?? .null
                tls["subset"] = subset.map(Value.string) ?? .null
                tls["settingsPath"] = .string(tlsPath.description)
                tls["host"] = .string(host)
                tls["destinationRule"] = .string(object.id)
                tls["namespace"] = object.attributes["namespace"] ?? .null
                tls["exportTo"] = all.value(at: AttributePath(keys: "spec", "exportTo")) ?? .null
                let id = "\(object.id)#\(tlsPath.description)"
                resources.append(Resource(id: id, kind: "kubernetes/DestinationRuleTLS", attributes: tls, location: location, locations: locations))
                edges.append(LocalEdge(from: object.id, to: id, kind: .contains))
            }
        }
    }
}
