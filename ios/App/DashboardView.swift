// The weekly dashboard: the indicators, bars against the objective and the trend over recent weeks
// drawn with Swift Charts from the view model's series, the actions due and the accounts to look
// at; a manager picks the team or a rep. It only draws DashboardViewModel's state.
import Charts
import SwiftUI
import TourneeKit

struct DashboardView: View {
    @State private var model: DashboardViewModel

    init(device: Device, changes: DeviceChanges, lang: Lang) {
        _model = State(initialValue: DashboardViewModel(device: device, changes: changes, lang: lang))
    }

    var body: some View {
        LoadableView(state: model.state) { state in
            List {
                if state.scopes.count > 1 {
                    Picker(selection: Binding(get: { state.scope }, set: { scope in Task { await model.show(scope) } })) {
                        ForEach(state.scopes, id: \.value) { Text($0.label).tag($0.value) }
                    } label: { EmptyView() }
                }
                Section(state.week) {
                    Grid(alignment: .leading) {
                        ForEach(state.indicators) { row in
                            GridRow {
                                Text(row.label)
                                Text(row.value).bold()
                                Text(row.previous).foregroundStyle(.secondary)
                                Text(row.objective ?? "").foregroundStyle(row.met == false ? .orange : .secondary)
                            }
                        }
                    }
                    .font(.footnote)
                }
                if !state.objectiveBars.isEmpty {
                    Section {
                        // Each bar: how much of its objective an indicator reached; the rule is the objective.
                        Chart(state.objectiveBars) { bar in
                            BarMark(x: .value("%", bar.percent), y: .value("", bar.label))
                                .foregroundStyle(bar.met ? .green : .orange)
                                .annotation(position: .trailing) { Text(bar.percentText).font(.caption) }
                            RuleMark(x: .value("%", 100))
                        }
                        .frame(height: CGFloat(40 * state.objectiveBars.count + 20))
                    }
                }
                Section(state.trendTitle) {
                    Picker(selection: Binding(get: { state.trendKey }, set: { key in Task { await model.follow(key) } })) {
                        ForEach(state.trendKeys, id: \.value) { Text($0.label).tag($0.value) }
                    } label: { EmptyView() }
                    Chart(state.trend) { point in
                        LineMark(x: .value("", point.week), y: .value("", point.value))
                        PointMark(x: .value("", point.week), y: .value("", point.value))
                            .annotation(position: .top) { Text(point.text).font(.caption2) }
                    }
                    .frame(height: 180)
                }
                Section(state.actionsTitle) {
                    if let none = state.nothingDue { Text(none).foregroundStyle(.secondary) }
                    ForEach(state.actions) { AgendaRowView(row: $0) }
                }
                Section(state.attentionTitle) {
                    if let none = state.nothingToLookAt { Text(none).foregroundStyle(.secondary) }
                    ForEach(state.attention) { account in
                        VStack(alignment: .leading) {
                            Text(account.name)
                            Text(account.detail).font(.caption).foregroundStyle(.orange)
                        }
                    }
                }
            }
            .refreshable { await model.refresh() }
            .navigationTitle(state.title)
        }
        .onAppear { model.start() }
        .onDisappear { model.stop() }
    }
}
