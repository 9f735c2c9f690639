import Graph

extension HCLLocator.Block {
    /// Where the attributes of one resource instance were written, given its planned values:
    /// blocks made by `dynamic` blocks are placed at every index the values have.
    ///
    /// `ingress` is the first block written of that name (static or `dynamic`), `ingress[N]`
    /// the block that made element N and `ingress[N].from_port` its attribute line: for a
    /// `dynamic` block the line in its `content`, the same for every N it made.
    func locations(for values: Value) -> [AttributePath: SourceLocation] {
        guard !groups.isEmpty else { return attributes }
        var out = attributes
        HCLLocator.Block.place(groups, at: AttributePath(), in: values, into: &out)
        return out
    }

    /// Places groups of a block standing at `base`, whose values are `values`.
    private static func place(
        _ groups: [HCLLocator.Group], at base: AttributePath, in values: Value?, into out: inout [AttributePath: SourceLocation]
    ) {
        for group in groups {
            guard let first = group.members.first else { continue }
            let relative = group.prefix.appending(group.name)
            let list = AttributePath(base.segments + relative.segments)
            let elements = values?.value(at: relative)?.listValue
            out[list] = first.block.location
            for (index, member) in group.assignment(count: elements?.count) {
                let element = list.appending(index: index)
                out[element] = member.block.location
                for (path, location) in member.block.attributes { out[AttributePath(element.segments + path.segments)] = location }
                let value = elements.flatMap { index < $0.count ? $0[index] : nil }
                place(member.block.groups, at: element, in: value, into: &out)
            }
        }
    }
}

extension HCLLocator.Group {
    /// Which member made each plan index, for a plan list of `count` elements (nil when the
    /// planned value is not a list: unknown until apply, or absent). Only what is certain:
    /// the written blocks before the first `dynamic` one always; with the count, those after
    /// the last one, and with a single `dynamic` block every index between.
    func assignment(count: Int?) -> [(Int, HCLLocator.Member)] {
        var out: [(Int, HCLLocator.Member)] = []
        var lead = 0
        while lead < members.count && !members[lead].isDynamic {
            out.append((lead, members[lead]))
            lead += 1
        }
        let statics = members.count(where: { !$0.isDynamic })
        guard let count, count >= statics, lead < members.count else { return out }
        var last = members.count - 1
        var index = count - 1
        while !members[last].isDynamic {
            out.append((index, members[last]))
            last -= 1
            index -= 1
        }
        if last == lead {
            for n in stride(from: lead, through: index, by: 1) { out.append((n, members[lead])) }
        }
        return out
    }
}
