#include "yaml/loader.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <deque>
#include <istream>
#include <streambuf>
#include <unordered_map>

namespace kubelint {

using detail::Entry;
using detail::kNone;
using detail::NodeRec;

// A resource limit hit while building a document (a located input-limit diagnostic).
struct InputLimit {
  Position pos;
  std::string message;
};

// Growing storage kept per thread between documents and files: a document's arrays are built
// in vectors that already have the capacity of earlier documents, and copied out at their exact
// size when the document is finished (one allocation each instead of one per doubling; a
// repository of small files parses one or two documents a file). Taken while a document is
// built and given back after, so a second stream on the same thread just starts empty.
struct SpareStorage {
  std::vector<NodeRec> nodes;
  std::vector<std::uint32_t> subtree_end;
  std::vector<Entry> entries;
  std::vector<std::uint32_t> items;
  std::string pool;
  std::vector<Entry> scratch_entries;
  std::vector<std::uint32_t> scratch_items;
  std::vector<std::uint64_t> merge_weight;
};

SpareStorage& spare_storage() {
  thread_local SpareStorage spare;
  return spare;
}

// Moves `v` into `slot` (emptied) when it holds more capacity than `slot`, up to 1 MiB an array:
// a huge document's storage is freed with it, not kept for the rest of the run.
template <typename V>
void give_back(V& slot, V& v) {
  constexpr std::size_t kMaxKept = std::size_t{1} << 20;
  if (v.capacity() > slot.capacity() && v.capacity() * sizeof(typename V::value_type) <= kMaxKept) {
    v.clear();
    slot = std::move(v);
  }
  v = V();
}

template <typename V>
void take(V& v, V& slot) {
  v = std::move(slot);
  v.clear();
  slot = V();
}

// Builds one Document from yaml-cpp events. Containers collect their children on shared scratch
// stacks and copy them out contiguously when they end, so a document costs a handful of
// allocations, not one per container.
class DocumentBuilder final : public YAML::EventHandler {
 public:
  DocumentBuilder(const SourceFile& source, std::uint32_t line_base)
      : source_(source),
        line_base_(line_base),
        // Every node but an implicit null needs at least one byte of text, and an implicit null
        // needs a key or an indicator: four nodes a byte is a generous bound. yaml-cpp 0.7 can
        // emit nulls forever on some malformed flow collections (found by fuzzing); the bound
        // turns that hang into a syntax error.
        node_limit_(4 * (source.text().size() - source.offset(Position{line_base + 1, 1})) + 1024) {
    SpareStorage& spare = spare_storage();
    take(scratch_entries_, spare.scratch_entries);
    take(scratch_items_, spare.scratch_items);
    take(merge_weight_, spare.merge_weight);
  }
  DocumentBuilder(const DocumentBuilder&) = delete;
  DocumentBuilder& operator=(const DocumentBuilder&) = delete;
  ~DocumentBuilder() override {
    release();
    SpareStorage& spare = spare_storage();
    give_back(spare.scratch_entries, scratch_entries_);
    give_back(spare.scratch_items, scratch_items_);
    give_back(spare.merge_weight, merge_weight_);
  }

  // The five arrays a document is built in, each with its per-thread spare: f(array, spare).
  template <typename F>
  void each_array(F&& f) {
    SpareStorage& spare = spare_storage();
    f(doc_->nodes_, spare.nodes);
    f(doc_->subtree_end_, spare.subtree_end);
    f(doc_->entries_, spare.entries);
    f(doc_->items_, spare.items);
    f(doc_->pool_, spare.pool);
  }

  void start(Document* doc) {
    release();
    doc_ = doc;
    doc_->dollar_keys_known_absent_ = true;  // until a key starting with '$' is seen
    each_array([](auto& array, auto& spare) { take(array, spare); });
    frames_.clear();
    scratch_entries_.clear();
    scratch_items_.clear();
    anchors_.clear();
    merge_weight_.clear();
    merge_total_ = 0;
  }

  void OnDocumentStart(const YAML::Mark& mark) override { doc_->begin_ = to_pos(mark); }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    std::uint32_t idx = add_node(NodeKind::null, mark);
    NodeRec& r = doc_->nodes_[idx];
    std::size_t literal_end = explicit_null_end(source_.offset(r.begin));
    if (literal_end != std::string_view::npos) {
      r.end = source_.position_at(literal_end);
    } else if (!frames_.empty() && frames_.back().is_map && frames_.back().pending_key != kNone) {
      // `key:` with nothing after it: yaml-cpp marks the next token; point at the key instead.
      const NodeRec& k = doc_->nodes_[frames_.back().pending_key];
      r.begin = k.begin;
      r.end = k.end;
    } else if (auto dash = empty_item_dash(r.begin)) {
      // `-` with nothing after it: likewise, point at the dash.
      r.begin = *dash;
      r.end = advance(*dash, 1);
    } else {
      r.end = r.begin;
    }
    finish_leaf(idx, anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end() || is_open(it->second)) {
      // Unknown anchor or a node that contains its own alias: keep a null in its place (at the
      // alias), so a recursive structure can never be built.
      std::uint32_t idx = add_node(NodeKind::null, mark);
      std::string_view text = source_.text();
      std::size_t end = source_.offset(doc_->nodes_[idx].begin) + 1;
      while (end < text.size() && kTokenEnd.find(text[end]) == std::string_view::npos) ++end;
      doc_->nodes_[idx].end = source_.position_at(end);
      finish_leaf(idx, 0);
      return;
    }
    doc_->aliases_.emplace_back(it->second, to_pos(mark));
    attach(it->second, /*owned=*/false);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    std::uint32_t idx = add_node(NodeKind::scalar, mark);
    NodeRec& r = doc_->nodes_[idx];
    r.plain = tag == "?";
    set_tag(r, tag);
    r.first = static_cast<std::uint32_t>(doc_->pool_.size());
    r.count = static_cast<std::uint32_t>(value.size());
    doc_->pool_ += value;
    r.end = scalar_end(r.begin, value, r.plain);
    finish_leaf(idx, anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    open(NodeKind::sequence, mark, tag, anchor, style);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    open(NodeKind::map, mark, tag, anchor, style);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    std::uint32_t node;
    bool is_map;
    std::size_t scratch_begin;          // start of this frame's children on the scratch stack
    std::uint32_t pending_key = kNone;  // map: key waiting for its value
    std::unordered_map<std::string, std::uint32_t>* seen = nullptr;  // big maps only
  };

  [[nodiscard]] Position to_pos(const YAML::Mark& mark) const {
    return Position{static_cast<std::uint32_t>(mark.line) + 1 + line_base_,
                    static_cast<std::uint32_t>(mark.column) + 1};
  }

  static Position advance(Position p, std::size_t n) {
    return Position{p.line, p.column + static_cast<std::uint32_t>(n)};
  }

  // Characters that end a plain token in block or flow context.
  static constexpr std::string_view kTokenEnd = " \t\r\n,[]{}";

  // One past an explicit null (`~`, `null`, `Null`, `NULL`, after optional `&anchor` / `!tag`)
  // written at `off`; npos if there is none. yaml-cpp marks an implicit null at the next token,
  // which may be a key that only starts like a null (`nullable: 1`).
  [[nodiscard]] std::size_t explicit_null_end(std::size_t off) const {
    std::string_view text = source_.text();
    auto skip_blanks = [&](std::size_t i) {
      while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
      return i;
    };
    while (off < text.size() && (text[off] == '&' || text[off] == '!')) {
      while (off < text.size() && kTokenEnd.find(text[off]) == std::string_view::npos) ++off;
      off = skip_blanks(off);
    }
    for (std::string_view literal : {"~", "null", "Null", "NULL"}) {
      if (!text.substr(off).starts_with(literal)) continue;
      std::size_t end = off + literal.size();
      if (end < text.size() && kTokenEnd.find(text[end]) == std::string_view::npos) continue;
      std::size_t next = skip_blanks(end);
      if (next < text.size() && text[next] == ':') continue;  // a key: `null: x`
      return end;
    }
    return std::string_view::npos;
  }

  // The dash of an empty block sequence item whose null yaml-cpp marked at `next` (the following
  // token): the last thing written before `next`, comments aside.
  [[nodiscard]] std::optional<Position> empty_item_dash(Position next) const {
    if (frames_.empty() || frames_.back().is_map) return std::nullopt;
    const NodeRec& seq = doc_->nodes_[frames_.back().node];
    if (seq.flow) return std::nullopt;
    std::string_view line = source_.line(next.line);
    line = line.substr(0, std::min<std::size_t>(line.size(), next.column - 1));
    for (std::uint32_t ln = next.line; ln >= seq.begin.line && ln > 0;) {
      if (auto hash = line.find('#');
          hash != std::string_view::npos && (hash == 0 || line[hash - 1] == ' ')) {
        line = line.substr(0, hash);
      }
      while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
      if (!line.empty()) {
        if (line.back() != '-') return std::nullopt;
        return Position{ln, static_cast<std::uint32_t>(line.size())};
      }
      line = source_.line(--ln);
    }
    return std::nullopt;
  }

  void set_tag(NodeRec& r, const std::string& tag) {
    if (tag.empty() || tag == "?" || tag == "!") return;
    r.tag = static_cast<std::uint32_t>(doc_->pool_.size());
    doc_->pool_ += tag;
    doc_->pool_ += '\0';
  }

  std::uint32_t add_node(NodeKind kind, const YAML::Mark& mark) {
    if (doc_->nodes_.size() >= node_limit_) {
      throw YAML::ParserException(mark,
                                  "the YAML parser does not terminate on this input "
                                  "(a malformed flow collection?)");
    }
    auto idx = static_cast<std::uint32_t>(doc_->nodes_.size());
    NodeRec r;
    r.kind = kind;
    r.begin = to_pos(mark);
    r.end = r.begin;
    doc_->nodes_.push_back(r);
    doc_->subtree_end_.push_back(idx + 1);
    merge_weight_.push_back(0);
    return idx;
  }

  void finish_leaf(std::uint32_t idx, YAML::anchor_t anchor) {
    if (anchor != 0) anchors_[anchor] = idx;
    attach(idx, /*owned=*/true);
  }

  [[nodiscard]] bool is_open(std::uint32_t idx) const {
    for (const auto& f : frames_) {
      if (f.node == idx) return true;
    }
    return false;
  }

  // Links a finished node (or an alias target) to the container being built.
  void attach(std::uint32_t idx, bool owned) {
    if (frames_.empty()) {
      if (doc_->root_ == kNone) doc_->root_ = idx;
      return;
    }
    Frame& f = frames_.back();
    NodeRec& parent = doc_->nodes_[f.node];
    if (!f.is_map) {
      if (owned) {
        doc_->nodes_[idx].parent = f.node;
        doc_->nodes_[idx].slot =
            static_cast<std::uint32_t>(scratch_items_.size() - f.scratch_begin);
      }
      scratch_items_.push_back(idx);
      parent.end = doc_->nodes_[idx].end;
      return;
    }
    auto slot = static_cast<std::uint32_t>(scratch_entries_.size() - f.scratch_begin);
    if (f.pending_key == kNone) {
      if (owned) {
        doc_->nodes_[idx].parent = f.node;
        doc_->nodes_[idx].is_key = true;
        doc_->nodes_[idx].slot = slot;
      }
      f.pending_key = idx;
      return;
    }
    if (owned) {
      doc_->nodes_[idx].parent = f.node;
      doc_->nodes_[idx].slot = slot;
    }
    check_duplicate(f, f.pending_key);
    scratch_entries_.push_back(Entry{f.pending_key, idx});
    const NodeRec& value = doc_->nodes_[idx];
    parent.end = value.kind == NodeKind::null && value.end == value.begin
                     ? doc_->nodes_[f.pending_key].end
                     : value.end;
    f.pending_key = kNone;
  }

  void check_duplicate(Frame& f, std::uint32_t key_idx) {
    const NodeRec& k = doc_->nodes_[key_idx];
    if (k.kind != NodeKind::scalar) return;
    std::string_view text = doc_->text(k.first, k.count);
    if (!text.empty() && text.front() == '$') doc_->dollar_keys_known_absent_ = false;
    if (text == "<<" && k.plain) return;  // several merge keys are allowed in practice
    std::size_t n = scratch_entries_.size() - f.scratch_begin;
    constexpr std::size_t kLinearLimit = 24;
    if (n < kLinearLimit) {
      for (std::size_t i = f.scratch_begin; i < scratch_entries_.size(); ++i) {
        const NodeRec& other = doc_->nodes_[scratch_entries_[i].key];
        if (other.kind == NodeKind::scalar && doc_->text(other.first, other.count) == text) {
          record_duplicate(key_idx, scratch_entries_[i].key);
          return;
        }
      }
      return;
    }
    if (f.seen == nullptr) {
      f.seen = &seen_pool_.emplace_back();
      for (std::size_t i = f.scratch_begin; i < scratch_entries_.size(); ++i) {
        const NodeRec& other = doc_->nodes_[scratch_entries_[i].key];
        if (other.kind == NodeKind::scalar) {
          f.seen->emplace(doc_->text(other.first, other.count), scratch_entries_[i].key);
        }
      }
    }
    auto [it, inserted] = f.seen->emplace(text, key_idx);
    if (!inserted) record_duplicate(key_idx, it->second);
  }

  void record_duplicate(std::uint32_t later, std::uint32_t first) {
    dup_pairs_.emplace_back(later, first);
  }

  void open(NodeKind kind, const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
            YAML::EmitterStyle::value style) {
    std::uint32_t idx = add_node(kind, mark);
    NodeRec& r = doc_->nodes_[idx];
    r.flow = style == YAML::EmitterStyle::Flow;
    set_tag(r, tag);
    r.end = advance(r.begin, 1);
    if (anchor != 0) anchors_[anchor] = idx;
    bool is_map = kind == NodeKind::map;
    frames_.push_back(
        Frame{idx, is_map, is_map ? scratch_entries_.size() : scratch_items_.size(), kNone});
  }

  void close() {
    if (frames_.empty()) return;
    Frame f = frames_.back();
    frames_.pop_back();
    NodeRec& r = doc_->nodes_[f.node];
    if (f.is_map) {
      charge_merges(f);
      r.first = static_cast<std::uint32_t>(doc_->entries_.size());
      r.count = static_cast<std::uint32_t>(scratch_entries_.size() - f.scratch_begin);
      doc_->entries_.insert(doc_->entries_.end(),
                            scratch_entries_.begin() + static_cast<std::ptrdiff_t>(f.scratch_begin),
                            scratch_entries_.end());
      scratch_entries_.resize(f.scratch_begin);
    } else {
      r.first = static_cast<std::uint32_t>(doc_->items_.size());
      r.count = static_cast<std::uint32_t>(scratch_items_.size() - f.scratch_begin);
      doc_->items_.insert(doc_->items_.end(),
                          scratch_items_.begin() + static_cast<std::ptrdiff_t>(f.scratch_begin),
                          scratch_items_.end());
      scratch_items_.resize(f.scratch_begin);
    }
    if (r.flow) r.end = flow_end(r.count == 0 ? r.begin : r.end, f.is_map ? '}' : ']');
    doc_->subtree_end_[f.node] = static_cast<std::uint32_t>(doc_->nodes_.size());
    attach(f.node, /*owned=*/true);
  }

  // A mapping with merge keys: its lookups may visit every mapping merged into it, and what
  // those merge in turn. Counted once per mapping (memoised), saturating; the document total
  // is bounded by kMaxMergeExpansion.
  void charge_merges(const Frame& f) {
    std::uint64_t weight = 0;
    const NodeRec* merge_key = nullptr;
    auto add = [&](std::uint32_t src) {
      if (doc_->nodes_[src].kind != NodeKind::map || src == f.node) return;
      weight = std::min<std::uint64_t>(weight + 1 + merge_weight_[src], kMaxMergeExpansion + 1);
    };
    for (std::size_t i = f.scratch_begin; i < scratch_entries_.size(); ++i) {
      const NodeRec& k = doc_->nodes_[scratch_entries_[i].key];
      if (k.kind != NodeKind::scalar || !k.plain || doc_->text(k.first, k.count) != "<<") continue;
      merge_key = &k;
      std::uint32_t v = scratch_entries_[i].value;
      const NodeRec& value = doc_->nodes_[v];
      if (value.kind == NodeKind::map) {
        add(v);
      } else if (value.kind == NodeKind::sequence) {
        // The sequence is closed: its items are in the document already.
        for (std::uint32_t j = 0; j < value.count; ++j) add(doc_->items_[value.first + j]);
      }
    }
    if (merge_key == nullptr) return;
    merge_weight_[f.node] = weight;
    merge_total_ = std::min<std::uint64_t>(merge_total_ + weight, kMaxMergeExpansion + 1);
    if (merge_total_ > kMaxMergeExpansion) {
      throw InputLimit{merge_key->begin,
                       "merge keys ('<<') expand this document beyond " +
                           std::to_string(kMaxMergeExpansion) +
                           " merged mappings (a merge-key bomb?); see the README's Limits"};
    }
  }

  // `v` becomes an exact-size copy of itself; its storage goes to `slot` if it is larger.
  template <typename V>
  static void exact(V& v, V& slot) {
    V grown = std::move(v);
    v = V(grown.begin(), grown.end());
    give_back(slot, grown);
  }

  // End of a flow collection: one past its closing bracket, searched from `from`.
  [[nodiscard]] Position flow_end(Position from, char closing) const {
    std::string_view text = source_.text();
    std::size_t off = source_.offset(from);
    std::size_t limit = std::min(text.size(), off + 4096);
    for (std::size_t i = off; i < limit; ++i) {
      if (text[i] == closing) return source_.position_at(i + 1);
    }
    return from;
  }

  // End of a scalar, one past its last character.
  [[nodiscard]] Position scalar_end(Position begin, const std::string& value, bool plain) const {
    std::string_view text = source_.text();
    std::size_t off = source_.offset(begin);
    if (off >= text.size()) return begin;
    char c = text[off];
    if (plain) {
      if (value.find('\n') == std::string::npos && text.substr(off, value.size()) == value) {
        return advance(begin, value.size());
      }
      return line_end(begin);
    }
    if (c == '"' || c == '\'') {
      std::size_t limit = std::min(text.size(), off + value.size() * 4 + 4096);
      for (std::size_t i = off + 1; i < limit; ++i) {
        if (c == '"' && text[i] == '\\') {
          ++i;
        } else if (text[i] == c) {
          if (c == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
            ++i;
            continue;
          }
          return source_.position_at(i + 1);
        }
      }
      return line_end(begin);
    }
    // Block scalar (| or >): the header line.
    return line_end(begin);
  }

  [[nodiscard]] Position line_end(Position p) const {
    std::string_view line = source_.line(p.line);
    std::size_t n = line.size();
    std::size_t hash = source_.comment_start(p.line, p.column > 0 ? p.column - 1 : 0);
    if (hash != std::string_view::npos) n = hash;
    while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t')) --n;
    return Position{p.line, static_cast<std::uint32_t>(std::max<std::size_t>(n + 1, p.column))};
  }

 public:
  void finish() {
    std::sort(doc_->aliases_.begin(), doc_->aliases_.end());
    for (auto [later, first] : dup_pairs_) {
      doc_->duplicates_.push_back(DuplicateKey{Node(doc_, later), Node(doc_, first)});
    }
    dup_pairs_.clear();
    seen_pool_.clear();
    // The document keeps exact-size copies; the grown storage is kept for the next one.
    each_array([](auto& array, auto& spare) { exact(array, spare); });
    doc_ = nullptr;
  }

  // A document that was not finished (no document left, or an error) gives its grown storage
  // back; it is dropped.
  void release() {
    if (doc_ == nullptr) return;
    each_array([](auto& array, auto& spare) { give_back(spare, array); });
    doc_ = nullptr;
  }

 private:
  const SourceFile& source_;
  std::uint32_t line_base_;
  std::size_t node_limit_;
  Document* doc_ = nullptr;
  std::vector<Frame> frames_;
  std::vector<Entry> scratch_entries_;
  std::vector<std::uint32_t> scratch_items_;
  std::unordered_map<YAML::anchor_t, std::uint32_t> anchors_;
  std::vector<std::uint64_t> merge_weight_;  // per node: merged mappings its lookups may visit
  std::uint64_t merge_total_ = 0;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> dup_pairs_;
  std::deque<std::unordered_map<std::string, std::uint32_t>> seen_pool_;
};

namespace {

// A read-only streambuf over memory: yaml-cpp parses the SourceFile's bytes without a copy.
class MemoryBuf final : public std::streambuf {
 public:
  MemoryBuf(const char* begin, const char* end) {
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-const-cast): streambuf needs char*, never writes.
    char* b = const_cast<char*>(begin);
    setg(b, b, const_cast<char*>(end));
  }
};

}  // namespace

struct DocumentStream::Impl {
  explicit Impl(const SourceFile& src) : source(src) { restart(0); }

  void restart(std::uint32_t from_line) {
    line_base = from_line;
    std::size_t off = source.offset(Position{from_line + 1, 1});
    std::string_view text = source.text();
    buf = std::make_unique<MemoryBuf>(text.data() + off, text.data() + text.size());
    stream = std::make_unique<std::istream>(buf.get());
    parser = std::make_unique<YAML::Parser>(*stream);
    builder = std::make_unique<DocumentBuilder>(source, line_base);
  }

  // First line after `line` (1-based) that starts a new document, or 0.
  [[nodiscard]] std::uint32_t next_document_line(std::uint32_t line) const {
    for (std::uint32_t ln = line + 1; ln <= source.line_count(); ++ln) {
      std::string_view l = source.line(ln);
      if (l.starts_with("---") && (l.size() == 3 || l[3] == ' ' || l[3] == '\t')) return ln;
    }
    return 0;
  }

  const SourceFile& source;
  std::uint32_t line_base = 0;
  std::uint32_t next_index = 0;
  Position last_begin;  // where the previous document started
  bool done = false;
  std::unique_ptr<MemoryBuf> buf;
  std::unique_ptr<std::istream> stream;
  std::unique_ptr<YAML::Parser> parser;
  std::unique_ptr<DocumentBuilder> builder;
};

DocumentStream::DocumentStream(const SourceFile& source) : impl_(std::make_unique<Impl>(source)) {}
DocumentStream::~DocumentStream() = default;

std::optional<DocumentStream::Item> DocumentStream::next() {
  Impl& s = *impl_;
  if (s.done) return std::nullopt;
  auto doc = std::make_unique<Document>(s.source, s.next_index);
  s.builder->start(doc.get());
  // However this returns, the builder lets go of `doc` before `doc` is freed (declared after it).
  struct LetGo {
    explicit LetGo(Impl& stream) : impl(stream) {}
    LetGo(const LetGo&) = delete;
    LetGo& operator=(const LetGo&) = delete;
    ~LetGo() { impl.builder->release(); }
    Impl& impl;
  } let_go(s);
  Position error_pos;
  std::string message;
  bool limit = false;
  try {
    if (!s.parser->HandleNextDocument(*s.builder)) {
      s.done = true;
      s.builder->release();
      return std::nullopt;
    }
    s.builder->finish();
    // yaml-cpp 0.7 can report empty documents forever at the same place on some malformed
    // input (found by fuzzing): a document must start after the previous one.
    if (s.next_index > 0 && doc->begin() <= s.last_begin && doc->root().is_null()) {
      throw YAML::ParserException(YAML::Mark::null_mark(),
                                  "the YAML parser makes no progress on this input");
    }
    s.last_begin = doc->begin();
    ++s.next_index;
    return Item{std::move(doc), std::nullopt};
  } catch (const YAML::Exception& e) {
    if (!e.mark.is_null()) {
      error_pos = Position{static_cast<std::uint32_t>(e.mark.line) + 1 + s.line_base,
                           static_cast<std::uint32_t>(e.mark.column) + 1};
    }
    // yaml-cpp's own message for its recursion limit is "bad file".
    limit = dynamic_cast<const YAML::DeepRecursion*>(&e) != nullptr;
    message = limit ? "collections are nested too deeply (the YAML parser's depth limit)" : e.msg;
  } catch (const InputLimit& e) {
    error_pos = e.pos;
    message = e.message;
    limit = true;
  } catch (const std::exception& e) {
    message = e.what();
  }
  s.builder->release();
  if (error_pos.line == 0) error_pos = Position{s.line_base + 1, 1};
  if (error_pos.line > s.source.line_count()) {
    error_pos = s.source.position_at(s.source.text().size());
  }
  ++s.next_index;
  // Resume at the next document boundary after the error; an error found at a `---` (such as an
  // unclosed flow collection) resumes there, unless that line starts the failed document itself.
  std::uint32_t failed_begin = doc->begin().line;
  bool error_at_next = failed_begin != 0 && error_pos.line > failed_begin;
  std::uint32_t resume = s.next_document_line(error_at_next ? error_pos.line - 1 : error_pos.line);
  if (resume == 0) {
    s.done = true;
  } else {
    s.restart(resume - 1);
  }
  return Item{nullptr, LoadError{error_pos, std::move(message), limit}};
}

LoadedStream load_all(const SourceFile& source) {
  LoadedStream out;
  DocumentStream stream(source);
  while (auto item = stream.next()) {
    if (item->document) out.documents.push_back(std::move(item->document));
    if (item->error) out.errors.push_back(std::move(*item->error));
  }
  return out;
}

std::optional<Position> find_template_file(const SourceFile& source) {
  std::optional<Position> action = find_template_action(source);
  if (!action) return std::nullopt;
  LoadedStream loaded = load_all(source);
  if (!loaded.errors.empty()) return action;
  for (const auto& doc : loaded.documents) {
    for (const Node& node : doc->root().descendants()) {
      if (!node.is_map() && !node.is_sequence()) continue;
      Position at = node.begin();
      std::string_view line = source.line(at.line);
      if (at.column >= 1 && line.substr(at.column - 1).starts_with("{{")) return at;
    }
  }
  return std::nullopt;
}

}  // namespace kubelint
