//! `crm.interactions`: chatbot, voicebot, WhatsApp, email and call touches of each lead, from
//! the day it was captured; a won lead's last touch is the purchase.

use std::ops::Range;

use crate::catalog::vocab::{BOT_CONTAINMENT, INTERACTION_KINDS};
use crate::gen::TableGen;
use crate::rng::{RowRng, Stream, Weighted};
use crate::world::{Continuation, World, AS_OF_END_SECONDS};

/// Interaction ids are `campaign_id · INTERACTION_ID_STRIDE + n` (n = 1.. within the campaign;
/// at most 1 000 leads × 4 touches).
pub const INTERACTION_ID_STRIDE: i64 = 10_000;

/// One interaction.
#[derive(Debug)]
pub struct InteractionRow<'a> {
    /// Key.
    pub interaction_id: i64,
    /// Client.
    pub client_id: i64,
    /// Campaign.
    pub campaign_id: i64,
    /// chatbot, voicebot, whatsapp, email or call.
    pub kind: &'a str,
    /// When.
    pub occurred_at: i64,
    /// What came of it.
    pub outcome: &'a str,
    /// bot or human.
    pub handled_by: &'a str,
    /// Duration in seconds (0 for email).
    pub duration_seconds: i64,
    /// When it was recorded (UTC; = `occurred_at`); interactions never change.
    pub updated_at: i64,
}

/// Generator of `crm.interactions` (unit: campaign).
#[derive(Debug)]
pub struct Interactions;

const S_TOUCH: Stream = Stream::new("crm.interactions");
const S_LATER: Stream = Stream::new("delta.interactions");

fn outcome(kind: &str, rng: &mut RowRng) -> (&'static str, &'static str, i64) {
    match kind {
        "chatbot" | "voicebot" => {
            // Containment 40–55% typical (DOMAIN.md §5).
            let secs = if kind == "chatbot" {
                rng.between(40, 600)
            } else {
                rng.between(30, 420)
            };
            if rng.chance(BOT_CONTAINMENT) {
                ("resolved_by_bot", "bot", secs)
            } else {
                ("escalated_to_agent", "human", secs + rng.between(60, 900))
            }
        }
        "whatsapp" => (
            ["replied", "replied", "no_reply", "follow_up"][rng.index(4)],
            "human",
            rng.between(60, 1800),
        ),
        "email" => (
            ["opened", "clicked", "no_open", "no_open"][rng.index(4)],
            "bot",
            0,
        ),
        _ => (
            ["answered", "answered", "voicemail", "no_answer"][rng.index(4)],
            "human",
            rng.between(20, 1200),
        ),
    }
}

impl TableGen for Interactions {
    type Row<'a> = InteractionRow<'a>;

    fn units(world: &World) -> u64 {
        world.counts.campaigns
    }

    fn unit_rows(world: &World, unit: u64) -> u64 {
        u64::from(world.campaign(unit as usize).links) * 2
    }

    fn generate<F: FnMut(&InteractionRow<'_>)>(world: &World, units: Range<u64>, mut emit: F) {
        let kinds = Weighted::new(INTERACTION_KINDS.iter().map(|k| k.1));
        let t_now = world.clock;
        for u in units {
            let plan = world.plan(u as usize);
            let campaign_id = world.campaign(u as usize).id;
            let mut n = 0i64;
            for (i, l) in plan.leads.iter().enumerate() {
                let mut rng = S_TOUCH.rng(world.config.seed, (campaign_id as u64) << 12 | i as u64);
                let first = i64::from(l.day) * 86_400;
                let span_days = match l.sold_on {
                    Some(d) => i64::from(d - l.day),
                    None => 14,
                };
                let mut t = first + rng.between(8 * 3600, 20 * 3600);
                for k in 0..l.interactions {
                    let last_touch = k + 1 == l.interactions;
                    let (kind, (out, by, secs)) = if last_touch && l.sold_on.is_some() {
                        let d = i64::from(l.sold_on.unwrap_or(l.day)) * 86_400;
                        t = t.max(d + rng.between(9 * 3600, 21 * 3600));
                        (
                            ["whatsapp", "call", "chatbot"][rng.index(3)],
                            ("purchase", "human", rng.between(120, 900)),
                        )
                    } else {
                        let kind = INTERACTION_KINDS[kinds.sample(&mut rng)].0;
                        (kind, outcome(kind, &mut rng))
                    };
                    let at = t.min(AS_OF_END_SECONDS);
                    n += 1;
                    emit(&InteractionRow {
                        interaction_id: campaign_id * INTERACTION_ID_STRIDE + n,
                        client_id: l.client_id,
                        campaign_id,
                        kind,
                        occurred_at: at,
                        outcome: out,
                        handled_by: by,
                        duration_seconds: secs,
                        updated_at: at,
                    });
                    t += rng.between(
                        3600,
                        (span_days.max(1) * 86_400 / i64::from(l.interactions)).max(3601),
                    );
                }
            }
            if world.after_window() {
                let cont = world.continuation(&plan);
                let mut touches = later_touches(world, campaign_id, &cont, &kinds);
                touches.sort_unstable_by_key(|x| (x.0, x.1, x.2));
                for (k, x) in touches.iter().enumerate().filter(|(_, x)| x.0 <= t_now) {
                    emit(&InteractionRow {
                        interaction_id: campaign_id * INTERACTION_ID_STRIDE + n + k as i64 + 1,
                        client_id: x.1,
                        campaign_id,
                        kind: x.3,
                        occurred_at: x.0,
                        outcome: x.4,
                        handled_by: x.5,
                        duration_seconds: x.6,
                        updated_at: x.0,
                    });
                }
            }
        }
    }
}

/// (instant, client, sequence, kind, outcome, handled by, seconds) of one touch.
type Touch = (i64, i64, u32, &'static str, &'static str, &'static str, i64);

/// Every touch after the window, whatever the clock: the new leads' touches (from their
/// capture, an hour to two days apart) and purchases, and the purchases of window
/// opportunities that close. Numbered after the window's in instant order, so ids do not
/// depend on the clock.
fn later_touches(
    world: &World,
    campaign_id: i64,
    cont: &Continuation,
    kinds: &Weighted,
) -> Vec<Touch> {
    let mut out = Vec::new();
    let purchase = |rng: &mut RowRng| {
        (
            ["whatsapp", "call", "chatbot"][rng.index(3)],
            "purchase",
            "human",
            rng.between(120, 900),
        )
    };
    for (i, l) in cont.leads.iter().enumerate() {
        let mut rng = S_LATER.rng(world.config.seed, (campaign_id as u64) << 12 | i as u64);
        let mut t = l.at + rng.between(60, 3 * 3600);
        for k in 0..l.touches {
            let kind = INTERACTION_KINDS[kinds.sample(&mut rng)].0;
            let (out_, by, secs) = outcome(kind, &mut rng);
            out.push((t, l.client_id, u32::from(k), kind, out_, by, secs));
            t += rng.between(3600, 2 * 86_400);
        }
        if let Some(at) = l.sale_at {
            let (kind, out_, by, secs) = purchase(&mut rng);
            out.push((at, l.client_id, 9, kind, out_, by, secs));
        }
    }
    for s in cont.sales.iter().filter(|s| s.window_lead.is_some()) {
        let mut rng = S_LATER.rng(
            world.config.seed,
            (campaign_id as u64) << 32 | s.sale.client_id as u64,
        );
        let (kind, out_, by, secs) = purchase(&mut rng);
        out.push((s.at, s.sale.client_id, 9, kind, out_, by, secs));
    }
    out
}
