// The values a picker offers, in the core's order (uniffi's Swift enums are not CaseIterable).
import Foundation

extension Channel {
    static let all: [Channel] = [.onSite, .phone, .video, .tradeShow, .email]
}

extension Outcome {
    static let all: [Outcome] = [.orderTaken, .progress, .noProgress, .lost]
}

extension InterestLevel {
    static let all: [InterestLevel] = [InterestLevel.none, .low, .medium, .high]
}

extension AccountKind {
    static let all: [AccountKind] = [.client, .prospect, .formerClient, .prescriber]
}

extension NeedHorizon {
    static let all: [NeedHorizon] = [.shortTerm, .mediumLongTerm, .outOfTarget]
}

extension OpportunityStage {
    static let all: [OpportunityStage] = [.qualification, .proposal, .negotiation, .won, .lost]
}
