package app.tournee

import app.tournee.core.Field
import app.tournee.core.Lang
import app.tournee.core.TourneeException
import app.tournee.core.formatMoney
import app.tournee.core.parseAmount
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File

/** The amounts every suite checks (tests/vectors/amounts.tsv), read by the core through Kotlin. */
class AmountVectorsTest {
    @Test
    fun `amounts typed in each language are read as the shared vectors say`() {
        val dir = System.getenv("TOURNEE_TEST_VECTORS") ?: error("TOURNEE_TEST_VECTORS is not set: run scripts/test-kotlin.sh")
        val vectors = File(dir, "amounts.tsv").readLines().filter { it.isNotBlank() && !it.startsWith("#") }
        assertTrue(vectors.size > 30, "${vectors.size} vectors")
        for (line in vectors) {
            val (raw, code, expected) = line.split('\t')
            val input = raw.replace("\\u00a0", "\u00A0").replace("\\u202f", "\u202F")
            val lang = if (code == "fr") Lang.FR else Lang.EN
            when (val cents = expected.toLongOrNull()) {
                null -> {
                    val refused = assertThrows(TourneeException.Invalid::class.java, { parseAmount(Field.ORDER_AMOUNT_CENTS, input, lang) }, "$raw in $code")
                    assertEquals(Field.ORDER_AMOUNT_CENTS, refused.field)
                }
                else -> assertEquals(cents, parseAmount(Field.ORDER_AMOUNT_CENTS, input, lang), "$raw in $code")
            }
        }
        assertEquals("1\u202F250,50\u00A0€", formatMoney(125_050, Lang.FR))
    }
}
