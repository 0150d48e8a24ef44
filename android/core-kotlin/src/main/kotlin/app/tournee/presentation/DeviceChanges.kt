package app.tournee.presentation

import app.tournee.core.Change
import app.tournee.core.ChangeListener
import app.tournee.core.Collection
import app.tournee.core.Device
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.MutableSharedFlow
import kotlinx.coroutines.flow.SharedFlow
import kotlinx.coroutines.flow.filter

/**
 * The device's changes as a flow every presenter on screen can follow: the device holds one
 * listener, this is it. Open one per device and close it with the device.
 */
class DeviceChanges(private val device: Device) : AutoCloseable {
    // Unbounded: a burst of changes (a sync applying many documents) is never dropped, since a
    // presenter that missed one would show stale lists. Each change is a few ids.
    private val flow = MutableSharedFlow<Change>(extraBufferCapacity = Int.MAX_VALUE)

    val all: SharedFlow<Change> = flow

    init {
        device.setChangeListener(object : ChangeListener {
            override fun onChange(change: Change) {
                flow.tryEmit(change)
            }
        })
    }

    /** The changes that touched any of [collections]. */
    fun of(vararg collections: Collection): Flow<Change> = all.filter { change -> change.collections.any { it in collections } }

    override fun close() {
        device.clearChangeListener()
    }
}
