// applyKeyedRowsDiff: brings a model's sorted rows in line with a new sorted list by removing, inserting and
// updating runs of rows (never a reset), so views keep their selection and scroll position.
#pragma once
#include <algorithm>
#include <cstddef>
#include <functional>
#include <vector>

// Callbacks into the model (its begin/end methods are protected, so the model passes lambdas).
struct RowDiffHooks
{
    std::function<void(int first, int last)> beginRemove;
    std::function<void()> endRemove;
    std::function<void(int first, int last)> beginInsert;
    std::function<void()> endInsert;
    std::function<void(int first, int last)> changed;
};

// Both `rows` and `next` are sorted by keyOf() and unique; Row has operator==. keyOf(row) returns a value with <.
template <class Row, class KeyOf>
void applyKeyedRowsDiff(std::vector<Row> &rows, std::vector<Row> next, KeyOf keyOf, const RowDiffHooks &hooks)
{
    const auto inNext = [&](const Row &row) {
        const auto key = keyOf(row);
        const auto it = std::lower_bound(next.begin(), next.end(), key,
                                         [&](const Row &r, const auto &k) { return keyOf(r) < k; });
        return it != next.end() && !(key < keyOf(*it));
    };
    // 1. Remove rows that are gone, one contiguous run at a time, from the bottom up.
    for (int last = static_cast<int>(rows.size()) - 1; last >= 0; --last) {
        if (inNext(rows[static_cast<std::size_t>(last)]))
            continue;
        int first = last;
        while (first > 0 && !inNext(rows[static_cast<std::size_t>(first - 1)]))
            --first;
        hooks.beginRemove(first, last);
        rows.erase(rows.begin() + first, rows.begin() + last + 1);
        hooks.endRemove();
        last = first;
    }
    // 2. rows is now a subsequence of next: insert the new rows in runs.
    const auto sameKey = [&](const Row &a, const Row &b) { return !(keyOf(a) < keyOf(b)) && !(keyOf(b) < keyOf(a)); };
    std::size_t row = 0;
    for (std::size_t j = 0; j < next.size();) {
        if (row < rows.size() && sameKey(rows[row], next[j])) {
            ++row;
            ++j;
            continue;
        }
        std::size_t end = j;
        while (end < next.size() && !(row < rows.size() && sameKey(rows[row], next[end])))
            ++end;
        const int count = static_cast<int>(end - j);
        hooks.beginInsert(static_cast<int>(row), static_cast<int>(row) + count - 1);
        rows.insert(rows.begin() + static_cast<std::ptrdiff_t>(row), next.begin() + static_cast<std::ptrdiff_t>(j),
                    next.begin() + static_cast<std::ptrdiff_t>(end));
        hooks.endInsert();
        row += static_cast<std::size_t>(count);
        j = end;
    }
    // 3. Same keys row for row: update what changed, one notification per run of changed rows.
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (rows[i] == next[i])
            continue;
        std::size_t end = i;
        while (end < rows.size() && !(rows[end] == next[end])) {
            rows[end] = std::move(next[end]);
            ++end;
        }
        hooks.changed(static_cast<int>(i), static_cast<int>(end) - 1);
        i = end;
    }
}
