#include "knowledge/diff.h"

#include <cstdio>
#include <map>
#include <set>

#include "knowledge/grade.h"

namespace evidoc::knowledge {
namespace {

std::string Fixed2(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  return s == "-0.00" ? "0.00" : s;
}

std::string Relative(const OutcomeResult& r) {
  if (!r.relative) return "no result";
  return r.relative->measure + " " + Fixed2(r.relative->estimate) + " (" +
         Fixed2(r.relative->ci_lb) + " to " + Fixed2(r.relative->ci_ub) + ")";
}

std::string People(const OutcomeResult& r) {
  return std::to_string(r.participants) + " (" + std::to_string(r.k) +
         (r.k == 1 ? " study)" : " studies)");
}

std::string Certainty(const OutcomeResult& r) {
  std::string c(CertaintyCode(r.certainty));
  for (char& ch : c) ch = ch == '_' ? ' ' : ch;
  return r.source == "none" ? "no evidence" : c;
}

std::string Label(const content::StudyRow& row, size_t index) {
  auto it = row.cells.find("study");
  return it != row.cells.end() && !it->second.empty() ? it->second
                                                      : "row " + std::to_string(index + 1);
}

// Why the study data moved: rows added, removed, or cells corrected.
std::vector<std::string> StudyChanges(const content::Outcome& a, const content::Outcome& b) {
  std::vector<std::string> out;
  if (a.published.has_value() != b.published.has_value()) {
    out.push_back(b.published ? "now uses a review's published result instead of study rows"
                              : "now uses study rows instead of a review's published result");
    return out;
  }
  if (a.published && b.published) {
    const auto &p = *a.published, &q = *b.published;
    if (p.estimate != q.estimate || p.ci_lb != q.ci_lb || p.ci_ub != q.ci_ub || p.k != q.k ||
        p.participants != q.participants || p.citation != q.citation) {
      out.push_back("the published result changed (" + q.citation + ")");
    }
    return out;
  }
  std::map<std::string, const content::StudyRow*> before, after;
  for (size_t i = 0; i < a.studies.size(); ++i) before[Label(a.studies[i], i)] = &a.studies[i];
  for (size_t i = 0; i < b.studies.size(); ++i) after[Label(b.studies[i], i)] = &b.studies[i];
  for (size_t i = 0; i < b.studies.size(); ++i) {
    std::string label = Label(b.studies[i], i);
    auto it = before.find(label);
    if (it == before.end()) {
      auto c = b.studies[i].cells.find("citation");
      out.push_back(
          "study added: " + label +
          (c != b.studies[i].cells.end() && !c->second.empty() ? " (" + c->second + ")" : ""));
      continue;
    }
    std::string cells;
    for (const auto& [col, value] : b.studies[i].cells) {
      auto old = it->second->cells.find(col);
      std::string was = old == it->second->cells.end() ? "" : old->second;
      if (was != value && col != "note")
        cells += (cells.empty() ? "" : ", ") + col + " " + was + " -> " + value;
    }
    if (!cells.empty()) out.push_back("study corrected: " + label + ": " + cells);
  }
  for (const auto& [label, row] : before) {
    if (!after.count(label)) out.push_back("study removed: " + label);
  }
  return out;
}

std::string JoinSemi(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : "; ") + s;
  return out;
}

void DiffOutcome(const std::string& tid, const OutcomeResult& a, const OutcomeResult& b,
                 std::vector<Change>& out) {
  const std::string oid = b.outcome->id;
  auto add = [&](std::string what, std::string before, std::string after, std::string why) {
    out.push_back({tid, oid, std::move(what), std::move(before), std::move(after), std::move(why)});
  };
  // Causes first, so a reader sees why before what.
  std::vector<std::string> studies = StudyChanges(*a.outcome, *b.outcome);
  if (!studies.empty()) add("studies", "", "", JoinSemi(studies));
  for (const char* d :
       {kRiskOfBias, kInconsistency, kIndirectness, kImprecision, kPublicationBias}) {
    auto ja = a.outcome->judgements.find(d), jb = b.outcome->judgements.find(d);
    bool ha = ja != a.outcome->judgements.end(), hb = jb != b.outcome->judgements.end();
    if (ha != hb || (ha && (ja->second.downgrade != jb->second.downgrade ||
                            ja->second.reason != jb->second.reason ||
                            ja->second.overrides != jb->second.overrides))) {
      add("judgement",
          ha ? std::string(d) + " " + std::to_string(ja->second.downgrade)
             : std::string(d) + " none",
          hb ? std::string(d) + " " + std::to_string(jb->second.downgrade)
             : std::string(d) + " none",
          hb ? jb->second.reason : "the reviewer's judgement was removed");
    }
  }
  if (a.outcome->comparator_risk != b.outcome->comparator_risk ||
      a.outcome->comparator_mean != b.outcome->comparator_mean) {
    auto text = [](const content::Outcome& o) {
      if (o.comparator_risk) return FormatNumber(*o.comparator_risk * 1000) + " per 1,000";
      if (o.comparator_mean) return FormatNumber(*o.comparator_mean) + " " + o.unit;
      return std::string("none");
    };
    add("comparator", text(*a.outcome), text(*b.outcome), b.outcome->comparator_source);
  }
  if (a.outcome->mid != b.outcome->mid)
    add("mid", FormatNumber(a.outcome->mid), FormatNumber(b.outcome->mid), "");
  if (Relative(a) != Relative(b)) add("estimate", Relative(a), Relative(b), "");
  if (a.participants != b.participants || a.k != b.k) add("participants", People(a), People(b), "");
  if (a.certainty != b.certainty || a.source != b.source) {
    std::vector<std::string> why;
    for (size_t i = 0; i < b.domains.size() && i < a.domains.size(); ++i) {
      if (a.domains[i].downgrade != b.domains[i].downgrade) {
        why.push_back(b.domains[i].domain + " " + std::to_string(a.domains[i].downgrade) + " -> " +
                      std::to_string(b.domains[i].downgrade) + ": " + b.domains[i].reason);
      }
    }
    if (a.randomised != b.randomised)
      why.push_back(b.randomised ? "now randomised trials only"
                                 : "now includes observational studies");
    add("certainty", Certainty(a), Certainty(b), JoinSemi(why));
  }
  if (a.statement != b.statement) add("statement", a.statement, b.statement, "");
}

}  // namespace

std::vector<Change> DiffKnowledge(const Knowledge& before, const Knowledge& after) {
  std::vector<Change> out;
  std::set<std::string> seen;
  for (const TreatmentResult& tb : after.treatments) {
    const std::string& tid = tb.treatment->id;
    seen.insert(tid);
    const TreatmentResult* ta = before.FindTreatment(tid);
    if (!ta) {
      out.push_back({tid, "", "treatment added", "", std::string(CategoryCode(tb.category)),
                     tb.category_reason});
      continue;
    }
    std::set<std::string> outcome_ids;
    for (const OutcomeResult& rb : tb.outcomes) {
      outcome_ids.insert(rb.outcome->id);
      const OutcomeResult* ra = nullptr;
      for (const OutcomeResult& r : ta->outcomes) {
        if (r.outcome->id == rb.outcome->id) ra = &r;
      }
      if (!ra) {
        out.push_back({tid, rb.outcome->id, "outcome added", "", rb.statement, ""});
      } else {
        DiffOutcome(tid, *ra, rb, out);
      }
    }
    for (const OutcomeResult& ra : ta->outcomes) {
      if (!outcome_ids.count(ra.outcome->id))
        out.push_back({tid, ra.outcome->id, "outcome removed", ra.statement, "", ""});
    }
    if (ta->category != tb.category) {
      out.push_back({tid, "", "category", std::string(CategoryCode(ta->category)),
                     std::string(CategoryCode(tb.category)), tb.category_reason});
    }
  }
  for (const TreatmentResult& ta : before.treatments) {
    if (!seen.count(ta.treatment->id)) {
      out.push_back({ta.treatment->id, "", "treatment removed",
                     std::string(CategoryCode(ta.category)), "", ""});
    }
  }
  return out;
}

std::string FormatChangesText(const std::vector<Change>& changes) {
  if (changes.empty()) return "No changes in estimates, certainty, statements or categories.\n";
  std::string out, treatment, outcome;
  for (const Change& c : changes) {
    if (c.treatment != treatment) {
      out += c.treatment + "\n";
      treatment = c.treatment;
      outcome.clear();
    }
    std::string indent = "  ";
    if (!c.outcome.empty()) {
      if (c.outcome != outcome) {
        out += "  outcome " + c.outcome + "\n";
        outcome = c.outcome;
      }
      indent = "    ";
    } else {
      outcome.clear();
    }
    out += indent + c.what + ":";
    if (!c.before.empty() || !c.after.empty()) {
      out += " " + (c.before.empty() ? std::string("(none)") : c.before) + " -> " +
             (c.after.empty() ? std::string("(none)") : c.after);
    }
    if (!c.why.empty())
      out += (c.before.empty() && c.after.empty() ? " " : "\n" + indent + "  because: ") + c.why;
    out += "\n";
  }
  return out;
}

std::string FormatChangesJson(const std::vector<Change>& changes) {
  // A tiny writer: knowledge sits below render (no JsonWriter here), and the
  // six string fields need only string escaping.
  auto esc = [](const std::string& s) {
    std::string o;
    for (unsigned char c : s) {
      switch (c) {
        case '"':
          o += "\\\"";
          break;
        case '\\':
          o += "\\\\";
          break;
        case '\n':
          o += "\\n";
          break;
        case '\r':
          o += "\\r";
          break;
        case '\t':
          o += "\\t";
          break;
        default:
          if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            o += buf;
          } else {
            o += static_cast<char>(c);
          }
      }
    }
    return "\"" + o + "\"";
  };
  std::string out = "{\"changes\": [";
  for (size_t i = 0; i < changes.size(); ++i) {
    const Change& c = changes[i];
    out += std::string(i ? ",\n  " : "\n  ") + "{\"treatment\": " + esc(c.treatment) +
           ", \"outcome\": " + esc(c.outcome) + ", \"what\": " + esc(c.what) +
           ", \"before\": " + esc(c.before) + ", \"after\": " + esc(c.after) +
           ", \"why\": " + esc(c.why) + "}";
  }
  out += changes.empty() ? "]}\n" : "\n]}\n";
  return out;
}

}  // namespace evidoc::knowledge
