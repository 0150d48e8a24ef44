// The pipeline: open deals by stage. It only draws PipelineViewModel's state.
import SwiftUI
import TourneeKit

struct PipelineView: View {
    @State private var model: PipelineViewModel

    init(device: Device, changes: DeviceChanges, lang: Lang) {
        _model = State(initialValue: PipelineViewModel(device: device, changes: changes, lang: lang))
    }

    var body: some View {
        LoadableView(state: model.state) { state in
            List {
                Toggle(state.mineOnlyLabel, isOn: Binding(get: { state.mineOnly }, set: { mine in Task { await model.showMineOnly(mine) } }))
                if let empty = state.emptyMessage { Text(empty).foregroundStyle(.secondary) }
                ForEach(state.stages) { stage in
                    Section {
                        ForEach(stage.rows) { TimelineRowView(row: $0) }
                    } header: {
                        HStack {
                            Text(stage.title)
                            Spacer()
                            Text(stage.total)
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
