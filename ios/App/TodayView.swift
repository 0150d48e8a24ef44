// Today: planned visits, follow-ups due (overdue in red), the sync status in plain words, pull to
// sync. It only draws TodayViewModel's state.
import SwiftUI
import TourneeKit

struct TodayView: View {
    @State private var model: TodayViewModel
    @State private var logging: AgendaRow?
    let device: Device
    let lang: Lang

    init(device: Device, changes: DeviceChanges, lang: Lang) {
        _model = State(initialValue: TodayViewModel(device: device, changes: changes, lang: lang))
        self.device = device
        self.lang = lang
    }

    var body: some View {
        LoadableView(state: model.state) { state in
            List {
                if let empty = state.emptyMessage {
                    Text(empty).foregroundStyle(.secondary)
                }
                if !state.visits.isEmpty {
                    Section(state.visitsTitle) {
                        ForEach(state.visits) { row in
                            Button { logging = row } label: { AgendaRowView(row: row) }
                        }
                    }
                }
                if !state.followUps.isEmpty {
                    Section(state.followUpsTitle) {
                        ForEach(state.followUps) { row in AgendaRowView(row: row) }
                    }
                }
                SyncStatusSection(sync: state.sync) { await model.sync() }
            }
            .refreshable { await model.sync() }
            .navigationTitle(state.title)
        }
        .sheet(item: $logging) { row in
            NavigationStack {
                VisitFormView(device: device, lang: lang, accountId: row.accountId, accountName: row.title, plannedVisitId: row.id)
            }
        }
        .onAppear { model.start() }
        .onDisappear { model.stop() }
    }
}

/// What waits to be sent, the last sync, and the button that syncs now.
struct SyncStatusSection: View {
    let sync: SyncWords
    let action: () async -> Void

    var body: some View {
        Section {
            Text(sync.pending)
            Text(sync.lastSync).foregroundStyle(sync.failed ? .red : .secondary)
            Button(sync.action) { Task { await action() } }
                .disabled(sync.syncing)
        }
        .font(.footnote)
    }
}

struct AgendaRowView: View {
    let row: AgendaRow

    var body: some View {
        VStack(alignment: .leading) {
            Text(row.title).font(.headline)
            Text(row.detail).font(.subheadline).foregroundStyle(row.overdue ? .red : .secondary)
        }
    }
}
