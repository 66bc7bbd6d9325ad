//! The LA profiles: each LA's timings, forms and rules, edited as JSON or reset to the shipped one.

use ardesk_dto::{ErrorDto, FieldProblem, ProfileSummary};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::problems_of;
use crate::app::ctx;
use crate::ipc;
use crate::widgets::Problems;

#[component]
pub(super) fn ProfilesPanel(error: RwSignal<Option<ErrorDto>>) -> impl IntoView {
    let ctx = ctx();
    let profiles = RwSignal::new(Vec::<ProfileSummary>::new());
    let editing = RwSignal::new(None::<String>);
    let profile_text = RwSignal::new(String::new());
    let profile_problems = RwSignal::new(Vec::<FieldProblem>::new());
    spawn_local(async move { profiles.set(ipc::profiles().await.unwrap_or_default()) });

    let edit = move |id: String| {
        spawn_local(async move {
            match ipc::profile_json(&id).await {
                Ok(json) => {
                    profile_text.set(json);
                    profile_problems.set(Vec::new());
                    editing.set(Some(id));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let save_profile = move |_| {
        let Some(id) = editing.get_untracked() else { return };
        let json = profile_text.get_untracked();
        spawn_local(async move {
            match ipc::save_profile(&id, &json).await {
                Ok(()) => {
                    editing.set(None);
                    ctx.status.set(Some(format!("Saved the school's version of the {id} profile.")));
                    profiles.set(ipc::profiles().await.unwrap_or_default());
                }
                Err(e) => profile_problems.set(problems_of(e)),
            }
        });
    };
    let reset_profile = move |id: String| {
        spawn_local(async move {
            match ipc::reset_profile(&id).await {
                Ok(()) => {
                    editing.set(None);
                    ctx.status.set(Some(format!("The {id} profile is back to the shipped version.")));
                    profiles.set(ipc::profiles().await.unwrap_or_default());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };

    view! {
        <section aria-labelledby="profiles-h" class="panel">
            <h3 id="profiles-h">"LA profiles"</h3>
            <p class="hint">"Each child's maintaining LA decides the timings, forms and rules. Edit a profile to match your LA's current guidance: your version replaces the shipped one."</p>
            <table id="profiles" class="people">
                <thead><tr>
                    <th scope="col">"LA"</th><th scope="col">"Version"</th><th scope="col">"Valid from"</th>
                    <th scope="col">"Amendments"</th><th scope="col">"Submission"</th><th scope="col">""</th>
                </tr></thead>
                <tbody>
                    {move || profiles.get().into_iter().map(|p| {
                        let id = p.id.clone();
                        let reset_id = p.id.clone();
                        view! {
                            <tr data-profile=p.id.clone()>
                                <td>{p.name}{p.customised.then_some(" (edited by the school)")}</td>
                                <td>{p.version}</td>
                                <td>{p.valid_from}</td>
                                <td>{p.amendment_mode}</td>
                                <td>{p.channel}</td>
                                <td>
                                    <button class="link edit-profile" on:click=move |_| edit(id.clone())>"Edit"</button>
                                    {p.customised.then(|| view! {
                                        " " <button class="link" on:click=move |_| reset_profile(reset_id.clone())>"Reset"</button>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {move || editing.get().map(|id| view! {
                <div class="editor">
                    <label for="profile-json">{format!("Profile {id} (JSON)")}</label>
                    <textarea id="profile-json" rows="24" spellcheck="false" prop:value=move || profile_text.get()
                        on:input=move |ev| profile_text.set(event_target_value(&ev))></textarea>
                    <Problems id="profile-errors" problems=profile_problems />
                    <div class="actions">
                        <button id="save-profile" class="primary" on:click=save_profile>"Save profile"</button>
                        <button on:click=move |_| editing.set(None)>"Cancel"</button>
                    </div>
                </div>
            })}
        </section>
    }
}
