// The device's changes as streams every view model on screen can follow: the device holds one
// listener, this is it.
import Foundation

/// Open one per device (it takes the device's change listener) and `close()` it with the device.
/// Each `stream()` hears every change made after it was asked for, in order, never dropped (a
/// view model that missed one would show stale lists; each change is a few ids).
public final class DeviceChanges: @unchecked Sendable {
    private let device: Device
    private let lock = NSLock()
    private var continuations: [Int: AsyncStream<Change>.Continuation] = [:]
    private var nextId = 0

    public init(device: Device) {
        self.device = device
        device.setChangeListener(listener: Forwarder(self))
    }

    /// The changes from now on; the stream ends when the task reading it is cancelled or at `close()`.
    public func stream() -> AsyncStream<Change> {
        let (stream, continuation) = AsyncStream<Change>.makeStream(bufferingPolicy: .unbounded)
        lock.lock()
        let id = nextId
        nextId += 1
        continuations[id] = continuation
        lock.unlock()
        continuation.onTermination = { [weak self] _ in self?.remove(id) }
        return stream
    }

    public func close() {
        device.clearChangeListener()
        lock.lock()
        let all = continuations.values
        continuations = [:]
        lock.unlock()
        for continuation in all { continuation.finish() }
    }

    fileprivate func publish(_ change: Change) {
        lock.lock()
        let all = Array(continuations.values)
        lock.unlock()
        for continuation in all { continuation.yield(change) }
    }

    private func remove(_ id: Int) {
        lock.lock()
        continuations[id] = nil
        lock.unlock()
    }
}

extension Change {
    /// Whether this change created, edited or deleted a record of any of `collections`.
    public func touches(_ collections: Set<Collection>) -> Bool {
        self.collections.contains { collections.contains($0) }
    }
}

private final class Forwarder: ChangeListener, @unchecked Sendable {
    private weak var changes: DeviceChanges?

    init(_ changes: DeviceChanges) { self.changes = changes }

    func onChange(change: Change) throws {
        changes?.publish(change)
    }
}
