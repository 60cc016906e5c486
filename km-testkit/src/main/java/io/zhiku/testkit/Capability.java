package io.zhiku.testkit;

/**
 * What an engine can promise beyond what every engine must. A kit's test that needs a capability the
 * engine under test does not declare (in {@link EngineKit#capabilities()}) is skipped, and reported as
 * skipped with the capability named: an engine never passes a test by leaving it out silently.
 */
public enum Capability {
  /**
   * The data outlives the knowledge base: closed and opened again through the same {@link EngineKit.Store},
   * it holds what was committed, and sequence numbers continue.
   */
  REOPEN,
  /**
   * The kit can make the store lose, as a power failure would, whatever was not committed ({@link
   * EngineKit.Store#crash()}); then opening it again finds exactly one committed state.
   */
  CRASH
}
