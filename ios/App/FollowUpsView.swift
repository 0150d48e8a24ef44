// Follow-ups and cadence: what is due (mark done), the prospects due this week and those about to
// be dropped. It only draws FollowUpsViewModel's state.
import SwiftUI
import TourneeKit

struct FollowUpsView: View {
    @State private var model: FollowUpsViewModel

    init(device: Device, changes: DeviceChanges, lang: Lang) {
        _model = State(initialValue: FollowUpsViewModel(device: device, changes: changes, lang: lang))
    }

    var body: some View {
        LoadableView(state: model.state) { state in
            List {
                if let empty = state.emptyMessage { Text(empty).foregroundStyle(.secondary) }
                if let banner = state.banner { Text(banner).foregroundStyle(.red) }
                if !state.due.isEmpty {
                    Section(state.dueTitle) {
                        ForEach(state.due) { row in
                            AgendaRowView(row: row)
                                .swipeActions { Button(state.markDone) { Task { await model.markDone(row.id) } }.tint(.green) }
                        }
                    }
                }
                if !state.thisWeek.isEmpty {
                    Section(state.thisWeekTitle) { ForEach(state.thisWeek) { ProspectRowView(row: $0) } }
                }
                if !state.atRisk.isEmpty {
                    Section(state.atRiskTitle) { ForEach(state.atRisk) { ProspectRowView(row: $0) } }
                }
            }
            .refreshable { await model.refresh() }
            .navigationTitle(state.title)
        }
        .onAppear { model.start() }
        .onDisappear { model.stop() }
    }
}

struct ProspectRowView: View {
    let row: ProspectRow

    var body: some View {
        VStack(alignment: .leading) {
            Text(row.name).font(.headline)
            Text(row.detail).font(.subheadline).foregroundStyle(row.atRisk ? .orange : .secondary)
        }
    }
}
