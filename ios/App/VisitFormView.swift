// Log a visit: channel and outcome as chips, amounts typed as text, the next step asked for before
// leaving. It only draws VisitFormViewModel's state.
import SwiftUI
import TourneeKit

struct VisitFormView: View {
    @State private var model: VisitFormViewModel
    @Environment(\.dismiss) private var dismiss
    let accountId: String
    let accountName: String
    let plannedVisitId: String?

    init(device: Device, lang: Lang, accountId: String, accountName: String, plannedVisitId: String? = nil) {
        _model = State(initialValue: VisitFormViewModel(device: device, lang: lang))
        self.accountId = accountId
        self.accountName = accountName
        self.plannedVisitId = plannedVisitId
    }

    var body: some View {
        Group {
            if let state = model.state {
                Form {
                    Section(state.accountName) {
                        Picker(selection: formBinding(\.channel)) {
                            ForEach(state.channels, id: \.value) { Text($0.label).tag($0.value) }
                        } label: { EmptyView() }
                        Picker(selection: formBinding(\.outcome)) {
                            ForEach(state.outcomes, id: \.value) { Text($0.label).tag(Optional($0.value)) }
                        } label: { EmptyView() }
                        Picker(selection: formBinding(\.interest)) {
                            ForEach(state.interests, id: \.value) { Text($0.label).tag(Optional($0.value)) }
                        } label: { EmptyView() }
                            .pickerStyle(.segmented)
                    }
                    Section {
                        field(.orderAmountCents, state) {
                            TextField(state.labels[.orderAmountCents] ?? "", text: formBinding(\.orderAmount)).keyboardType(.decimalPad)
                        }
                        field(.orderMarginCents, state) {
                            TextField(state.labels[.orderMarginCents] ?? "", text: formBinding(\.orderMargin)).keyboardType(.decimalPad)
                        }
                        field(.products, state) {
                            TextField(state.productsHint, text: formBinding(\.products))
                        }
                        field(.notes, state) {
                            TextField(state.labels[.notes] ?? "", text: formBinding(\.notes), axis: .vertical)
                        }
                    }
                    Section(state.labels[.nextStep] ?? "") {
                        field(.nextStep, state) {
                            TextField(state.labels[.nextStep] ?? "", text: Binding(
                                get: { if case let .followUp(action, _) = model.state?.form.nextStep { action } else { "" } },
                                set: { model.onNextStepAction($0) }))
                        }
                        if case let .followUp(_, due) = state.form.nextStep {
                            // The day picked goes to the view model as the core's LocalDate.
                            DatePicker(selection: Binding(
                                get: { Calendar.current.date(from: due) ?? Date() },
                                set: { model.onNextStepDue(Calendar.current.dateComponents([.year, .month, .day], from: $0)) }),
                                       displayedComponents: .date) {
                                LabeledContent(state.labels[.dueOn] ?? "", value: state.nextStepDue)
                            }
                        }
                        Button(state.noNextStep) { model.onNoNextStep() }
                    }
                    if let banner = state.banner {
                        Text(banner)
                    }
                    Button(state.save) {
                        Task {
                            await model.save()
                            if model.state?.savedAccountId != nil { dismiss() }
                        }
                    }
                    .disabled(state.saving)
                }
                .navigationTitle(state.title)
            } else {
                ProgressView()
            }
        }
        .task {
            if let plannedVisitId {
                try? await model.openPlanned(visitId: plannedVisitId, accountName: accountName)
            } else {
                model.open(accountId: accountId, accountName: accountName)
            }
        }
    }

    @ViewBuilder
    private func field<Content: View>(_ field: Field, _ state: VisitFormState, @ViewBuilder content: () -> Content) -> some View {
        VStack(alignment: .leading) {
            content()
            if let error = state.errors[field] {
                Text(error).font(.caption).foregroundStyle(.red)
            }
        }
    }

    private func formBinding<T>(_ path: WritableKeyPath<VisitForm, T>) -> Binding<T> {
        Binding(get: { model.state.map { $0.form[keyPath: path] }! }, set: { value in model.update { $0[keyPath: path] = value } })
    }
}
