// strong_value: a number with a tag, so that kinds that are all small integers on the wire (node ids,
// epochs, offsets) are distinct types: explicit construction, comparison within a kind, no conversion
// between kinds. Every module's strong types are this one template.
#pragma once
#include <compare>
#include <cstddef>
#include <functional>

namespace sluice {

template <class Rep, class Tag>
class strong_value {
public:
    using rep = Rep;
    constexpr strong_value() = default;
    constexpr explicit strong_value(Rep v) : value_(v) {}
    constexpr Rep value() const { return value_; }
    friend constexpr auto operator<=>(strong_value, strong_value) = default;
    friend constexpr bool operator==(strong_value, strong_value) = default;

private:
    Rep value_{};
};

}  // namespace sluice

template <class Rep, class Tag>
struct std::hash<sluice::strong_value<Rep, Tag>> {
    std::size_t operator()(sluice::strong_value<Rep, Tag> v) const noexcept { return std::hash<Rep>{}(v.value()); }
};
