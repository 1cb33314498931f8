//! Single flight: however many callers ask at once, one operation runs and all get its result.

use std::cell::RefCell;
use std::future::Future;

use futures_channel::oneshot;

/// One run of an async operation shared by every caller that asks while it is in flight: each gets
/// a clone of its result. Single-threaded (`RefCell`), as the browser is; `SessionManager::refresh`
/// uses it so that concurrent 401s send one `POST /auth/refresh`.
pub struct SingleFlight<T> {
    waiters: RefCell<Option<Vec<oneshot::Sender<T>>>>,
}

impl<T> Default for SingleFlight<T> {
    fn default() -> Self {
        Self {
            waiters: RefCell::new(None),
        }
    }
}

/// Clears the in-flight mark even if the leader's future is dropped half-way; the waiters then see
/// their channel closed and start over.
struct Leader<'a, T>(&'a SingleFlight<T>);

impl<T> Drop for Leader<'_, T> {
    fn drop(&mut self) {
        self.0.waiters.borrow_mut().take();
    }
}

impl<T: Clone> SingleFlight<T> {
    /// Runs `operation` unless one is already in flight, in which case it waits for that one.
    pub async fn run<F, Fut>(&self, operation: F) -> T
    where
        F: Fn() -> Fut,
        Fut: Future<Output = T>,
    {
        loop {
            let waiting = {
                let mut waiters = self.waiters.borrow_mut();
                match waiters.as_mut() {
                    Some(list) => {
                        let (tx, rx) = oneshot::channel();
                        list.push(tx);
                        Some(rx)
                    }
                    None => {
                        *waiters = Some(Vec::new());
                        None
                    }
                }
            };
            match waiting {
                Some(rx) => match rx.await {
                    Ok(result) => return result,
                    Err(oneshot::Canceled) => continue,
                },
                None => {
                    let leader = Leader(self);
                    let result = operation().await;
                    let waiters = self.waiters.borrow_mut().take().unwrap_or_default();
                    drop(leader);
                    for tx in waiters {
                        let _ = tx.send(result.clone());
                    }
                    return result;
                }
            }
        }
    }

    /// Whether an operation is running now.
    pub fn in_flight(&self) -> bool {
        self.waiters.borrow().is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::channel::oneshot as gate;
    use futures::executor::LocalPool;
    use futures::task::LocalSpawnExt;
    use std::cell::Cell;
    use std::rc::Rc;

    #[test]
    fn ten_concurrent_callers_share_one_operation() {
        let flight = Rc::new(SingleFlight::<u32>::default());
        let calls = Rc::new(Cell::new(0));
        let (open, opened) = gate::channel::<()>();
        let opened = Rc::new(RefCell::new(Some(opened)));
        let results = Rc::new(RefCell::new(Vec::new()));
        let mut pool = LocalPool::new();
        for _ in 0..10 {
            let (flight, calls, opened, results) = (
                flight.clone(),
                calls.clone(),
                opened.clone(),
                results.clone(),
            );
            pool.spawner()
                .spawn_local(async move {
                    let value = flight
                        .run(|| {
                            let (calls, opened) = (calls.clone(), opened.clone());
                            async move {
                                calls.set(calls.get() + 1);
                                let gate = opened.borrow_mut().take().expect("one leader only");
                                gate.await.unwrap();
                                42
                            }
                        })
                        .await;
                    results.borrow_mut().push(value);
                })
                .unwrap();
        }
        pool.run_until_stalled();
        assert_eq!(calls.get(), 1, "one operation while the others wait");
        assert!(flight.in_flight());
        assert!(results.borrow().is_empty());
        open.send(()).unwrap();
        pool.run();
        assert_eq!(*results.borrow(), vec![42; 10]);
        assert!(!flight.in_flight());
    }

    #[test]
    fn later_callers_start_a_new_operation() {
        let flight = SingleFlight::<u32>::default();
        let calls = Cell::new(0);
        let op = || {
            calls.set(calls.get() + 1);
            let n = calls.get();
            async move { n }
        };
        let mut pool = LocalPool::new();
        assert_eq!(pool.run_until(flight.run(op)), 1);
        assert_eq!(pool.run_until(flight.run(op)), 2);
    }

    #[test]
    fn a_dropped_leader_does_not_strand_its_waiters() {
        let flight = Rc::new(SingleFlight::<u32>::default());
        let mut pool = LocalPool::new();
        let (_never, never_opens) = gate::channel::<()>();
        let never_opens = RefCell::new(Some(never_opens));
        // The leader starts and is then dropped mid-flight.
        {
            let leader = flight.run(|| {
                let gate = never_opens.borrow_mut().take();
                async move {
                    if let Some(gate) = gate {
                        let _ = gate.await;
                    }
                    1
                }
            });
            let mut leader = Box::pin(leader);
            let waker = futures::task::noop_waker();
            let mut cx = std::task::Context::from_waker(&waker);
            assert!(leader.as_mut().poll(&mut cx).is_pending());
            assert!(flight.in_flight());
        }
        assert!(!flight.in_flight(), "the mark is cleared on drop");
        assert_eq!(pool.run_until(flight.run(|| async { 7 })), 7);
    }
}
