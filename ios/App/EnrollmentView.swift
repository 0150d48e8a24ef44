// Enrollment and settings: they only draw EnrollmentViewModel's and SettingsViewModel's state.
import SwiftUI
import TourneeKit

struct EnrollmentView: View {
    @State private var model: EnrollmentViewModel
    @State private var scanning = false
    let onEnrolled: (Device) -> Void

    init(dataDir: String, lang: Lang, onEnrolled: @escaping (Device) -> Void) {
        _model = State(initialValue: EnrollmentViewModel(dataDir: dataDir, lang: lang))
        self.onEnrolled = onEnrolled
    }

    var body: some View {
        let state = model.state
        NavigationStack {
            Form {
                TextField(state.serverLabel, text: binding(\.serverUrl))
                    .keyboardType(.URL)
                    .textInputAutocapitalization(.never)
                HStack {
                    TextField(state.codeLabel, text: binding(\.code))
                        .textInputAutocapitalization(.characters)
                    if CodeScannerView.isAvailable {
                        Button { scanning = true } label: { Image(systemName: "qrcode.viewfinder") }
                    }
                }
                TextField(state.deviceNameLabel, text: binding(\.deviceName))
                Picker(selection: binding(\.lang)) {
                    ForEach(state.languages, id: \.value) { Text($0.label).tag($0.value) }
                } label: { EmptyView() }
                    .pickerStyle(.segmented)
                if let error = state.error {
                    Text(error).foregroundStyle(.red)
                }
                Button(state.enroll) {
                    Task { if let device = await model.enroll() { onEnrolled(device) } }
                }
                .disabled(!state.canEnroll || state.enrolling)
            }
            .navigationTitle(state.title)
            .sheet(isPresented: $scanning) {
                CodeScannerView { text in
                    scanning = false
                    model.update { $0.code = text }
                }
            }
        }
    }

    private func binding<T>(_ path: WritableKeyPath<EnrollmentForm, T>) -> Binding<T> {
        Binding(get: { model.state.form[keyPath: path] }, set: { value in model.update { $0[keyPath: path] = value } })
    }
}

struct SettingsView: View {
    @State private var model: SettingsViewModel
    let onLanguage: (Lang) -> Void

    init(device: Device, lang: Lang, onLanguage: @escaping (Lang) -> Void) {
        _model = State(initialValue: SettingsViewModel(device: device, lang: lang))
        self.onLanguage = onLanguage
    }

    var body: some View {
        let state = model.state
        Form {
            Text(state.actsFor)
            Picker(selection: Binding(get: { model.state.lang }, set: { lang in
                model.chooseLanguage(lang)
                onLanguage(lang)
            })) {
                ForEach(state.languages, id: \.value) { Text($0.label).tag($0.value) }
            } label: { EmptyView() }
                .pickerStyle(.inline)
        }
        .navigationTitle(state.title)
    }
}
