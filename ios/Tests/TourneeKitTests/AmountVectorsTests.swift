import Foundation
import XCTest
@testable import TourneeKit

/// The amounts every suite checks (tests/vectors/amounts.tsv), read by the core through Swift.
final class AmountVectorsTests: XCTestCase {
    func testAmountsTypedInEachLanguageAreReadAsTheSharedVectorsSay() throws {
        let file = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("tests/vectors/amounts.tsv")
        let vectors = try String(contentsOf: file, encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: true)
            .filter { !$0.hasPrefix("#") }
        XCTAssertGreaterThan(vectors.count, 30)
        for line in vectors {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let input = columns[0].replacingOccurrences(of: "\\u00a0", with: "\u{00A0}")
                .replacingOccurrences(of: "\\u202f", with: "\u{202F}")
            let lang: Lang = columns[1] == "fr" ? .fr : .en
            if let cents = Int64(columns[2]) {
                XCTAssertEqual(try parseAmount(field: .orderAmountCents, text: input, lang: lang), cents, "\(columns[0]) in \(columns[1])")
            } else {
                XCTAssertThrowsError(try parseAmount(field: .orderAmountCents, text: input, lang: lang), "\(columns[0]) in \(columns[1])") { error in
                    guard case let TourneeError.Invalid(field, _, _) = error else { return XCTFail("\(error)") }
                    XCTAssertEqual(field, .orderAmountCents)
                }
            }
        }
        XCTAssertEqual(formatMoney(cents: 125_050, lang: .fr), "1\u{202F}250,50\u{00A0}€")
    }
}
