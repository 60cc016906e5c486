package io.zhiku.metrics.kpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.zhiku.testkit.Seeded;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;

/** The grouping of search-success marks by person, against a plain comparison sort. */
@Seeded
class SearchSuccessGroupingTest {
  /** Both ways of grouping (one composite key, or marks then people) give each person's sorted marks. */
  @RepeatedTest(20)
  void groupByPerson_eitherWay_equalsSortingEachPerson(Random r) {
    int n = 1 + r.nextInt(3000);
    int people = 1 + r.nextInt(r.nextBoolean() ? 3 : 200);
    int[] person = new int[n];
    long[] marks = new long[n];
    for (int i = 0; i < n; i++) {
      person[i] = r.nextInt(people);
      marks[i] = r.nextInt(1 << 20) << 1 | r.nextInt(2);
    }
    int maxPerson = Arrays.stream(person).max().orElseThrow();
    long[] expected = IntStream.range(0, n).boxed()
        .sorted(Comparator.comparingInt((Integer i) -> person[i]).thenComparingLong(i -> marks[i]))
        .mapToLong(i -> marks[i]).toArray();
    int[] expectedFrom = new int[maxPerson + 2];
    for (int p : person) {
      expectedFrom[p + 1]++;
    }
    Arrays.parallelPrefix(expectedFrom, Integer::sum);
    for (int maxKeyBits : new int[] {63, 0}) { // 0: the composite key never fits
      int[] from = new int[maxPerson + 2];
      long[] grouped = SearchSuccessKpi.groupByPerson(person.clone(), marks.clone(), n, from, maxKeyBits);
      assertArrayEquals(expected, grouped, "maxKeyBits " + maxKeyBits);
      assertArrayEquals(expectedFrom, from, "maxKeyBits " + maxKeyBits);
    }
  }
}
