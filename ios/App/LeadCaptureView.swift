// Trade-show capture: on the iPad the form and the event's leads side by side, stacked on the
// iPhone. It only draws LeadCaptureViewModel's state.
import SwiftUI
import TourneeKit

struct LeadCaptureView: View {
    @State private var model: LeadCaptureViewModel
    @State private var scanning = false
    /// Back on the name after each lead saved: the next visitor is typed at once.
    @FocusState private var nameFocused: Bool
    @Environment(\.horizontalSizeClass) private var sizeClass

    init(device: Device, changes: DeviceChanges, lang: Lang, event: String) {
        _model = State(initialValue: LeadCaptureViewModel(device: device, changes: changes, lang: lang, event: event))
    }

    var body: some View {
        let state = model.state
        Group {
            if sizeClass == .regular {
                HStack(spacing: 0) {
                    form(state).frame(maxWidth: .infinity)
                    Divider()
                    leads(state).frame(maxWidth: .infinity)
                }
            } else {
                VStack(spacing: 0) {
                    form(state)
                    leads(state)
                }
            }
        }
        .navigationTitle(state.title)
        .toolbar {
            if CodeScannerView.isAvailable {
                Button { scanning = true } label: { Label(state.scanBadge, systemImage: "qrcode.viewfinder") }
            }
        }
        .sheet(isPresented: $scanning) {
            CodeScannerView { text in
                scanning = false
                model.badgeScanned(text)
            }
        }
        .onAppear { model.start() }
        .onDisappear { model.stop() }
    }

    private func form(_ state: LeadCaptureState) -> some View {
        Form {
            field(.name, \.name, state).focused($nameFocused)
            field(.company, \.company, state)
            if let warning = state.duplicateWarning {
                VStack(alignment: .leading) {
                    Label(warning, systemImage: "exclamationmark.2").foregroundStyle(.orange)
                    ForEach(state.similarAccounts) { Text("\($0.name) · \($0.detail)").font(.caption) }
                }
            }
            field(.email, \.email, state)
            field(.phone, \.phone, state)
            field(.notes, \.notes, state)
            Picker(selection: Binding(get: { model.state.form.interest }, set: { level in model.update { $0.interest = level } })) {
                ForEach(state.interests, id: \.value) { Text($0.label).tag(Optional($0.value)) }
            } label: { EmptyView() }
                .pickerStyle(.segmented)
            if let banner = state.banner { Text(banner) }
            Button(state.save) {
                Task {
                    await model.save()
                    nameFocused = true
                }
            }
                .keyboardShortcut(.return, modifiers: .command)
        }
    }

    private func leads(_ state: LeadCaptureState) -> some View {
        List {
            Section(state.leadsTitle) {
                ForEach(state.leads) { lead in
                    VStack(alignment: .leading) {
                        Text(lead.title).font(.headline)
                        Text(lead.detail).font(.caption).foregroundStyle(.secondary)
                        if let warning = lead.duplicateWarning {
                            Text(warning).font(.caption).foregroundStyle(.orange)
                        }
                        if lead.isNew {
                            HStack {
                                ForEach(lead.similarAccounts) { account in
                                    Button("\(state.qualify) → \(account.name)") { Task { await model.qualify(lead.id, into: account.id) } }
                                }
                                Button(state.qualify) { Task { await model.qualify(lead.id) } }
                                Button(state.discard, role: .destructive) { Task { await model.discard(lead.id) } }
                            }
                            .buttonStyle(.bordered)
                        }
                    }
                }
            }
        }
    }

    private func field(_ field: Field, _ path: WritableKeyPath<LeadForm, String>, _ state: LeadCaptureState) -> some View {
        CheckedField(label: state.labels[field] ?? "", error: state.errors[field],
                     text: Binding(get: { model.state.form[keyPath: path] }, set: { value in model.update { $0[keyPath: path] = value } }))
    }
}
