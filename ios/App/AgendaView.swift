// The agenda screen of the iOS app (built on macOS with Xcode, not part of the Swift package tested on
// Linux): it only draws AgendaViewModel's state.
import SwiftUI
import TourneeKit

@MainActor
final class AgendaScreenModel: ObservableObject {
    @Published private(set) var state: AgendaState?
    private let viewModel: AgendaViewModel

    init(device: Device, lang: Lang) {
        viewModel = AgendaViewModel(device: device, lang: lang, timeZone: .current)
    }

    func start() {
        try? viewModel.observe(today: { Self.today() }) { state in
            Task { @MainActor in self.state = state }
        }
    }

    func stop() { viewModel.stop() }

    private static func today() -> LocalDate {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }
}

struct AgendaView: View {
    @StateObject var model: AgendaScreenModel

    var body: some View {
        List {
            if let state = model.state {
                if let empty = state.emptyMessage {
                    Text(empty).foregroundStyle(.secondary)
                }
                Section { ForEach(state.visits, id: \.id) { row in AgendaRowView(row: row) } }
                Section { ForEach(state.followUps, id: \.id) { row in AgendaRowView(row: row) } }
                Text(state.syncStatus).font(.footnote).foregroundStyle(.secondary)
            }
        }
        .navigationTitle(model.state?.title ?? "")
        .onAppear { model.start() }
        .onDisappear { model.stop() }
    }
}

private struct AgendaRowView: View {
    let row: AgendaRow

    var body: some View {
        VStack(alignment: .leading) {
            Text(row.title).font(.headline)
            Text(row.detail).font(.subheadline).foregroundStyle(row.overdue ? .red : .secondary)
        }
    }
}
