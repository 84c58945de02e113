"""The parts of the synthetic world, one module each; ``ghtalent.mirror.generate`` puts them
together in a fixed order (the order of the random draws is what makes a world reproducible).

- ``base``: the keywords, groups, regions and bots; the data pools; small shared helpers
- ``draft``: the world under construction (random streams, pools, what is built so far)
- ``waves``: when repos are created: waves of attention per keyword
- ``ids``: GitHub-like ids that grow with creation time
- ``organizations``: labs, companies, universities and invented startups; org accounts
- ``names``: display names and unique logins
- ``people``: user records, bots, followers and account ages
- ``crowd``: who builds and who contributes (weighted samplers over people)
- ``repos``: repositories: text, topics, owners, stars, ids, faults
- ``contributors``: contributor lists with bots and anonymous committers
- ``histories``: stars gained per week
- ``profiles``: profile strings: company, location, bio, email, X handle, blog
- ``accounts``: the account records the API serves, and X follower counts
- ``pages``: homepages and the page faults among them
"""
