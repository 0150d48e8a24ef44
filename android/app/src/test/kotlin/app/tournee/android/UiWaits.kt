package app.tournee.android

import androidx.compose.ui.test.ComposeUiTest
import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.onAllNodesWithText

/**
 * Waits (10 s at most) until [text] is on screen: the core answers on its own threads, and the
 * screen shows the answer a frame after the presenter's state has it.
 */
@OptIn(ExperimentalTestApi::class)
fun ComposeUiTest.awaitText(text: String) =
    waitUntil(timeoutMillis = 10_000) { onAllNodesWithText(text, substring = true).fetchSemanticsNodes().isNotEmpty() }
