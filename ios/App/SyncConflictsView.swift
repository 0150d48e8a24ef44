// Sync and conflicts: both values side by side to settle, a delete against an edit, duplicate
// companies to merge. It only draws SyncConflictsViewModel's state.
import SwiftUI
import TourneeKit

struct SyncConflictsView: View {
    @State private var model: SyncConflictsViewModel

    init(device: Device, changes: DeviceChanges, lang: Lang) {
        _model = State(initialValue: SyncConflictsViewModel(device: device, changes: changes, lang: lang))
    }

    var body: some View {
        LoadableView(state: model.state) { state in
            List {
                SyncStatusSection(sync: state.sync) { await model.sync() }
                if let banner = state.banner {
                    Text(banner)
                }
                Section(state.conflictsTitle) {
                    ForEach(state.conflicts) { row in
                        VStack(alignment: .leading) {
                            Text(row.title).font(.headline)
                            if let name = row.recordName { Text(name) }
                            if let detail = row.detail { Text(detail).foregroundStyle(.orange) }
                            if row.deletedWhileEdited {
                                HStack {
                                    Button(state.restore) { Task { await model.restore(row) } }
                                    Button(state.confirmDelete, role: .destructive) { Task { await model.confirmDelete(row) } }
                                }
                            } else {
                                // Both values side by side.
                                HStack(alignment: .top) {
                                    ForEach(row.choices) { choice in
                                        VStack {
                                            Text(choice.value).fontWeight(choice.shownNow != nil ? .bold : .regular)
                                            if let shown = choice.shownNow { Text(shown).font(.caption).foregroundStyle(.secondary) }
                                            Button(state.keep) { Task { await model.keep(row, value: choice.value) } }
                                        }
                                        .frame(maxWidth: .infinity)
                                    }
                                }
                            }
                        }
                        .buttonStyle(.bordered)
                    }
                }
                Section(state.duplicatesTitle) {
                    ForEach(state.duplicates) { pair in
                        VStack(alignment: .leading) {
                            HStack(alignment: .top) {
                                VStack(alignment: .leading) { Text(pair.first.name); Text(pair.first.detail).font(.caption) }
                                    .frame(maxWidth: .infinity, alignment: .leading)
                                VStack(alignment: .leading) { Text(pair.second.name); Text(pair.second.detail).font(.caption) }
                                    .frame(maxWidth: .infinity, alignment: .leading)
                            }
                            Text(pair.reasons).font(.caption).foregroundStyle(.secondary)
                            HStack {
                                Button(pair.keepFirst) { Task { await model.merge(keeping: pair, first: true) } }
                                Button(pair.keepSecond) { Task { await model.merge(keeping: pair, first: false) } }
                            }
                            .buttonStyle(.bordered)
                        }
                    }
                }
            }
            .refreshable { await model.sync() }
            .navigationTitle(state.title)
        }
        .onAppear { model.start() }
        .onDisappear { model.stop() }
    }
}
